package io.monorail.ws.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.monorail.ws.adapter.rabbitmq.RabbitEventFeed;
import io.monorail.ws.adapter.rabbitmq.RabbitFeedConfig;
import io.monorail.ws.domain.port.out.EventFeed;
import java.net.URI;

/** The event feed: RabbitMQ's Java client against the configured broker. */
final class RabbitModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(EventFeed.class).to(RabbitEventFeed.class);
    }

    @Provides
    @Singleton
    RabbitEventFeed feed(AmqpEndpoint broker) {
        return new RabbitEventFeed(RabbitFeedConfig.defaults(URI.create(broker.uri())));
    }
}
