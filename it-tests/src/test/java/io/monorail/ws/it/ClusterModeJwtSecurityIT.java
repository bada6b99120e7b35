package io.monorail.ws.it;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * JWT security: tokens, roles, expiry and in-band refresh, on one instance in cluster mode: as on a
 * single gateway.
 */
class ClusterModeJwtSecurityIT extends JwtSecurityIT {
    private final ClusterStreams streams = new ClusterStreams();

    @Override
    protected Map<String, String> mode() {
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
