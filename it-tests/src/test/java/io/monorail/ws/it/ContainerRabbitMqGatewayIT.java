package io.monorail.ws.it;

import java.util.Map;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.rabbitmq.RabbitMQContainer;

/**
 * The foundation scenarios against RabbitMQ in a container. Runs where Docker runs; reported as
 * skipped elsewhere (no Docker engine on the CI machine), so it proves nothing there.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerRabbitMqGatewayIT extends GatewayScenarios {
    @Container static final RabbitMQContainer RABBIT = new RabbitMQContainer("rabbitmq:3.13");

    @Override
    protected Map<String, String> brokerSettings() {
        return Map.of(
                "amqp_uri", "amqp://guest:guest@" + RABBIT.getHost() + ":" + RABBIT.getAmqpPort());
    }
}
