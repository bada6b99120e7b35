package io.monorail.ws.it;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * hostile clients: limits, bad input and a client that never reads (slow-consumer bounds), on one
 * instance in cluster mode: as on a single gateway.
 */
class ClusterModeHostileClientsIT extends HostileClientsIT {
    private final ClusterStreams streams = new ClusterStreams();

    @Override
    protected Map<String, String> mode() {
        return streams.settings();
    }

    /** The gateway stops first, then its streams go. */
    @AfterAll
    @Override
    void stop() throws Exception {
        super.stop();
        if (LocalRabbitMq.reachable()) {
            streams.deleteQuietly();
        }
    }
}
