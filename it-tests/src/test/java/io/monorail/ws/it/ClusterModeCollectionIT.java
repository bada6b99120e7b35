package io.monorail.ws.it;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The collection scenarios on one instance in cluster mode: it behaves as a single gateway, except
 * that each filtered watch remembers on its own what it showed (ADR 13).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterModeCollectionIT extends CollectionScenarios {
    private final ClusterStreams streams = new ClusterStreams();

    @Override
    protected Map<String, String> brokerSettings() {
        return streams.settings();
    }

    @Override
    protected boolean tracksPerWatch() {
        return true;
    }

    /** The gateway stops first, then its streams go. */
    @AfterAll
    @Override
    void stop() {
        super.stop();
        if (LocalRabbitMq.reachable()) {
            streams.deleteQuietly();
        }
    }
}
