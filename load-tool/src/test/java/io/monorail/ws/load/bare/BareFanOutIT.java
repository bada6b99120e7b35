package io.monorail.ws.load.bare;

import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.load.client.BareDialect;
import io.monorail.ws.load.client.ClientFleet;
import io.monorail.ws.load.client.DeliveryLedger;
import io.monorail.ws.load.client.Phase;
import io.monorail.ws.load.publish.EventPublisher;
import io.monorail.ws.load.server.RabbitMq;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bare server, its clients and the publisher end to end over the machine's RabbitMQ: every
 * client gets every event exactly once, in order. Skipped without RabbitMQ on 127.0.0.1:5672,
 * unless {@code MONORAIL_IT_REQUIRE_RABBITMQ=true}.
 */
class BareFanOutIT {
    private static final String AMQP = "amqp://guest:guest@127.0.0.1:5672";
    private static final int CLIENTS = 20;
    private static final int EVENTS = 50;

    @BeforeAll
    static void rabbitMq() {
        boolean reachable = RabbitMq.answers("127.0.0.1", 5672);
        if (!reachable && Boolean.parseBoolean(System.getenv("MONORAIL_IT_REQUIRE_RABBITMQ"))) {
            throw new IllegalStateException(
                    "MONORAIL_IT_REQUIRE_RABBITMQ=true but nothing listens on 127.0.0.1:5672");
        }
        Assumptions.assumeTrue(reachable, "no RabbitMQ on 127.0.0.1:5672");
    }

    @ParameterizedTest
    @EnumSource(WriteMode.class)
    void everyClientGetsEveryEventOnceInOrder(WriteMode mode) throws Exception {
        String key = "load.it." + UUID.randomUUID();
        try (BareFanOutServer server =
                        startedServer(
                                new BareFanOutServer("127.0.0.1", 0, mode, AMQP, "on.events"));
                // half the clients from 127.0.0.2: the way large fleets spread their source ports
                ClientFleet fleet =
                        new ClientFleet(
                                new BareDialect("127.0.0.1", server.port(), key),
                                CLIENTS,
                                CLIENTS / 2);
                EventPublisher publisher = new EventPublisher(AMQP, "on.events", key, 256)) {
            fleet.subscribe(8, Duration.ofSeconds(30));
            assertThat(fleet.localAddresses()).containsExactly("127.0.0.1", "127.0.0.2");
            Phase phase = fleet.startPhase(1);

            long published = publisher.flood(1, EVENTS, 10).events();

            assertThat(phase.awaitDeliveries(published * CLIENTS, Duration.ofSeconds(10))).isTrue();
            for (int client = 0; client < CLIENTS; client++) {
                assertThat(phase.summaryOf(client, published))
                        .as("client %d", client)
                        .isEqualTo(new DeliveryLedger.Summary(EVENTS, 0, 0, 0, 0));
            }
            Phase.Result result = phase.result(published);
            assertThat(result.deliveries()).isEqualTo((long) CLIENTS * EVENTS);
            assertThat(result.strays()).isZero();
            assertThat(fleet.unexpectedCloses()).isZero();
        }
    }

    private static BareFanOutServer startedServer(BareFanOutServer server) throws Exception {
        server.start();
        return server;
    }
}
