package io.monorail.ws.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.monorail.ws.adapter.mongodb.ChangeStreamConfig;
import io.monorail.ws.adapter.mongodb.MongoChangeStreamFeed;
import io.monorail.ws.adapter.rabbitmq.RabbitEventFeed;
import io.monorail.ws.domain.port.out.EventFeed;

/** Where document changes come from: one module per source. */
final class EventFeedModules {
    private EventFeedModules() {}

    /** Everything from the bus, record changes included (what RackHD's writers publish). */
    static final class Waterline extends AbstractModule {
        @Override
        protected void configure() {
            bind(EventFeed.class).to(RabbitEventFeed.class);
        }
    }

    /** Record changes from MongoDB change streams, everything else from the bus. */
    static final class ChangeStreams extends AbstractModule {
        @Provides
        @Singleton
        MongoChangeStreamFeed changeStreams(MongoEndpoint mongo, Settings settings) {
            return new MongoChangeStreamFeed(
                    ChangeStreamConfig.defaults(mongo.uri(), settings.mongoDatabase()));
        }

        @Provides
        @Singleton
        EventFeed feed(MongoChangeStreamFeed records, RabbitEventFeed bus) {
            return new RoutingEventFeed(ChangeStreamConfig.DEFAULT_EXCHANGE, records, bus);
        }
    }
}
