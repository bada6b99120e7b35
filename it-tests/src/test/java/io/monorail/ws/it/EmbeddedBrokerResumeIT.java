package io.monorail.ws.it;

import java.util.Map;

/** Resume and snapshot scenarios with the embedded broker. */
class EmbeddedBrokerResumeIT extends ResumeScenarios {
    @Override
    protected Map<String, String> brokerSettings() {
        return Map.of();
    }
}
