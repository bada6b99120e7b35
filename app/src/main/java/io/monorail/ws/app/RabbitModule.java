package io.monorail.ws.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.monorail.ws.adapter.rabbitmq.RabbitEventFeed;
import io.monorail.ws.adapter.rabbitmq.RabbitFeedConfig;
import java.net.URI;

/** The bus: RabbitMQ's Java client against the configured broker. */
final class RabbitModule extends AbstractModule {
    @Provides
    @Singleton
    RabbitEventFeed feed(AmqpEndpoint broker) {
        return new RabbitEventFeed(RabbitFeedConfig.defaults(URI.create(broker.uri())));
    }
}
