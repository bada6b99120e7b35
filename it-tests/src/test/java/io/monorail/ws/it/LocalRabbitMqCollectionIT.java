package io.monorail.ws.it;

import java.util.Map;

/** Collection flows with the machine's real RabbitMQ. */
class LocalRabbitMqCollectionIT extends CollectionScenarios {
    @Override
    protected Map<String, String> brokerSettings() {
        LocalRabbitMq.requireOrSkip();
        return Map.of("amqp_uri", LocalRabbitMq.URI);
    }
}
