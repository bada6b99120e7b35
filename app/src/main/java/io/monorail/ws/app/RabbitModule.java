package io.monorail.ws.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.monorail.ws.adapter.rabbitmq.RabbitEventFeed;
import io.monorail.ws.adapter.rabbitmq.RabbitFeedConfig;
import io.monorail.ws.adapter.rabbitmq.RabbitSessionStore;
import io.monorail.ws.domain.catalog.ResourceCatalog;
import io.monorail.ws.domain.cluster.ClusterSettings;
import io.monorail.ws.domain.port.out.SessionStore;
import io.monorail.ws.domain.session.InMemorySessionStore;
import java.io.IOException;
import java.net.URI;

/**
 * The bus: RabbitMQ's Java client against the configured broker. In cluster mode (ADR 13) the feed
 * reads the shared event stream, bound to every exchange a resource may use, and sessions are kept
 * on the shared session stream; otherwise the feed has its own queue and sessions stay in memory.
 */
final class RabbitModule extends AbstractModule {
    private static final long MIN_SEGMENT_BYTES = 1L << 20;
    private static final long MAX_SEGMENT_BYTES = 64L << 20;

    @Provides
    @Singleton
    RabbitEventFeed feed(
            AmqpEndpoint broker,
            Settings settings,
            ClusterSettings cluster,
            ResourceCatalog catalog) {
        RabbitFeedConfig config = RabbitFeedConfig.defaults(URI.create(broker.uri()));
        if (cluster.enabled()) {
            Settings.ClusterStreams streams = settings.clusterStreams();
            config =
                    config.withStreamMode(
                            new RabbitFeedConfig.StreamMode(
                                    streams.events(),
                                    catalog.exchanges(),
                                    streams.maxAge(),
                                    streams.maxBytes(),
                                    segmentBytes(streams.maxBytes())));
        }
        return new RabbitEventFeed(config);
    }

    @Provides
    @Singleton
    SessionStore sessions(AmqpEndpoint broker, Settings settings, ClusterSettings cluster) {
        if (!cluster.enabled()) {
            return new InMemorySessionStore();
        }
        Settings.ClusterStreams streams = settings.clusterStreams();
        try {
            return RabbitSessionStore.open(
                    URI.create(broker.uri()),
                    streams.sessions(),
                    streams.maxAge(),
                    streams.maxBytes());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot read the session stream "
                            + streams.sessions()
                            + " on the message bus: "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * Retention drops whole segments: a sixteenth of the size bound, between 1 and 64 MB, so that
     * the bound holds and a starting instance has little beyond it to read.
     */
    static long segmentBytes(long maxBytes) {
        return Math.max(MIN_SEGMENT_BYTES, Math.min(MAX_SEGMENT_BYTES, maxBytes / 16));
    }
}
