package io.monorail.ws.it;

import java.util.Map;

/** Resume and snapshot scenarios with the machine's real RabbitMQ. */
class LocalRabbitMqResumeIT extends ResumeScenarios {
    @Override
    protected Map<String, String> brokerSettings() {
        LocalRabbitMq.requireOrSkip();
        return Map.of("amqp_uri", LocalRabbitMq.URI);
    }
}
