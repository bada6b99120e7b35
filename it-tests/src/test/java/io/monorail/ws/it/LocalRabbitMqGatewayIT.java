package io.monorail.ws.it;

import java.util.Map;

/** The foundation scenarios against the machine's real RabbitMQ. */
class LocalRabbitMqGatewayIT extends GatewayScenarios {
    @Override
    protected Map<String, String> brokerSettings() {
        LocalRabbitMq.requireOrSkip();
        return Map.of("amqp_uri", LocalRabbitMq.URI);
    }
}
