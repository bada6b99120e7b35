package io.monorail.ws.it;

import java.util.Map;

/** The foundation scenarios against the embedded default (in-process AMQP broker). */
class EmbeddedBrokerGatewayIT extends GatewayScenarios {
    @Override
    protected Map<String, String> brokerSettings() {
        return Map.of();
    }
}
