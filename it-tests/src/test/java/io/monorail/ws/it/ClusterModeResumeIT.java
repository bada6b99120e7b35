package io.monorail.ws.it;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/** The resume scenarios on one instance in cluster mode: it behaves as a single gateway. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterModeResumeIT extends ResumeScenarios {
    private final ClusterStreams streams = new ClusterStreams();

    @Override
    protected Map<String, String> brokerSettings() {
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
