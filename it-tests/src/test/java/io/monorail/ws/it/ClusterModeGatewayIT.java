package io.monorail.ws.it;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/** The gateway scenarios on one instance in cluster mode: it behaves as a single gateway. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterModeGatewayIT extends GatewayScenarios {
    private final ClusterStreams streams = new ClusterStreams();

    @Override
    protected Map<String, String> brokerSettings() {
        return streams.settings();
    }

    /** The gateway stops first, then its streams go. */
    @AfterAll
    @Override
    void stopGateway() throws Exception {
        super.stopGateway();
        if (LocalRabbitMq.reachable()) {
            streams.deleteQuietly();
        }
    }
}
