package io.monorail.ws.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.monorail.ws.adapter.mongodb.ChangeStreamConfig;
import io.monorail.ws.adapter.mongodb.MongoChangeStreamFeed;
import io.monorail.ws.adapter.rabbitmq.RabbitEventFeed;
import io.monorail.ws.domain.port.out.EventFeed;
import java.util.List;

/**
 * Where document changes come from: one module per source. Each also names the feeds to start, in
 * order, as {@link Feeds}.
 */
final class EventFeedModules {
    private EventFeedModules() {}

    /** The feeds behind the bound {@link EventFeed}, as steps of the {@link Lifecycle}. */
    record Feeds(List<Lifecycle.Step> steps) {}

    /** Everything from the bus, record changes included (what RackHD's writers publish). */
    static final class Waterline extends AbstractModule {
        @Override
        protected void configure() {
            bind(EventFeed.class).to(RabbitEventFeed.class);
        }

        @Provides
        Feeds feeds(Provider<RabbitEventFeed> bus) {
            return new Feeds(List.of(busStep(bus)));
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

        @Provides
        Feeds feeds(Provider<RabbitEventFeed> bus, Provider<MongoChangeStreamFeed> records) {
            return new Feeds(
                    List.of(
                            busStep(bus),
                            new Lifecycle.Step(
                                    "the change-stream feed",
                                    Service.provided(
                                            records,
                                            MongoChangeStreamFeed::start,
                                            MongoChangeStreamFeed::stop))));
        }
    }

    private static Lifecycle.Step busStep(Provider<RabbitEventFeed> bus) {
        return new Lifecycle.Step(
                "the message bus feed",
                Service.provided(bus, RabbitEventFeed::start, RabbitEventFeed::stop));
    }
}
