package io.monorail.ws.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The machine's RabbitMQ on 127.0.0.1:5672. Tests that need it are skipped where it is absent,
 * unless {@code MONORAIL_IT_REQUIRE_RABBITMQ=true} (as in CI), where its absence fails them.
 */
final class LocalRabbitMq {
    static final String URI = "amqp://guest:guest@127.0.0.1:5672";

    private LocalRabbitMq() {}

    static void requireOrSkip() {
        boolean reachable = reachable();
        if (!reachable && Boolean.parseBoolean(System.getenv("MONORAIL_IT_REQUIRE_RABBITMQ"))) {
            throw new AssertionError(
                    "MONORAIL_IT_REQUIRE_RABBITMQ=true but nothing listens on 127.0.0.1:5672");
        }
        assumeTrue(reachable, "SKIPPED: no RabbitMQ on 127.0.0.1:5672");
    }

    static boolean reachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5672), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
