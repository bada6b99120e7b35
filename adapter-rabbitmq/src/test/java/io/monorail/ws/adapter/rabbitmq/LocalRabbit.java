package io.monorail.ws.adapter.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * The machine's RabbitMQ, seen through a plain client connection of its own: publishes as RackHD
 * does and deletes the exchanges the tests made. Tests are skipped when it is not running, unless
 * {@value #REQUIRE_ENV}=true makes that a failure (CI).
 */
final class LocalRabbit implements AutoCloseable {
    static final URI AMQP_URI = URI.create("amqp://guest:guest@127.0.0.1:5672");
    static final String REQUIRE_ENV = "MONORAIL_IT_REQUIRE_RABBITMQ";

    private final Connection connection;
    private final Channel channel;
    private final Set<String> exchanges = ConcurrentHashMap.newKeySet();

    private LocalRabbit(Connection connection) throws Exception {
        this.connection = connection;
        this.channel = connection.createChannel();
    }

    /** Connects, or skips the calling test class (fails it when RabbitMQ is required). */
    static LocalRabbit connectOrSkip() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(AMQP_URI);
        factory.setConnectionTimeout(2_000);
        try {
            return new LocalRabbit(factory.newConnection("monorail-ws-it-publisher"));
        } catch (Exception e) {
            String why =
                    "RabbitMQ not reachable at "
                            + AMQP_URI.getHost()
                            + ":"
                            + AMQP_URI.getPort()
                            + " ("
                            + e
                            + ")";
            if ("true".equalsIgnoreCase(System.getenv(REQUIRE_ENV))) {
                throw new AssertionError(why + " but " + REQUIRE_ENV + "=true", e);
            }
            Assumptions.abort(why + "; set " + REQUIRE_ENV + "=true to fail instead");
            throw new AssertionError("unreachable");
        }
    }

    /** A feed config for this broker that retries quickly. */
    static RabbitFeedConfig feedConfig() {
        return new RabbitFeedConfig(
                AMQP_URI, Duration.ofMillis(50), Duration.ofMillis(500), 256, "monorail-ws-it");
    }

    /** Remembers an exchange to delete on close. */
    String track(String exchange) {
        exchanges.add(exchange);
        return exchange;
    }

    /** Declares the exchange as RackHD does (durable topic) and publishes to it. */
    void publish(String exchange, String routingKey, byte[] body) throws Exception {
        channel.exchangeDeclare(track(exchange), BuiltinExchangeType.TOPIC, true, false, null);
        channel.basicPublish(exchange, routingKey, null, body);
    }

    /** Publishes without declaring, for exchanges the broker owns. */
    void publishOnly(String exchange, String routingKey, byte[] body) throws Exception {
        channel.basicPublish(exchange, routingKey, null, body);
    }

    void declare(String exchange, String type, boolean durable) throws Exception {
        channel.exchangeDeclare(track(exchange), type, durable, false, null);
    }

    /**
     * The offset of the first event {@code stream} still holds, or empty when none came within
     * {@code within}. Read on a channel of its own, closed after.
     */
    OptionalLong firstOffsetOf(String stream, Duration within) throws Exception {
        Channel reading = connection.createChannel();
        try {
            CompletableFuture<Long> first = new CompletableFuture<>();
            reading.basicQos(1);
            reading.basicConsume(
                    stream,
                    false,
                    Map.of("x-stream-offset", "first"),
                    new DefaultConsumer(reading) {
                        @Override
                        public void handleDelivery(
                                String tag,
                                Envelope envelope,
                                AMQP.BasicProperties properties,
                                byte[] body) {
                            first.complete(SinkConsumer.offset(properties));
                        }
                    });
            return OptionalLong.of(first.get(within.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException nothingYet) {
            return OptionalLong.empty();
        } finally {
            reading.abort();
        }
    }

    /** Deletes a queue (a stream a test declared), if it exists. */
    void deleteQueue(String queue) throws IOException {
        channel.queueDelete(queue);
    }

    /**
     * The broker's ids of the connections named {@code connectionName}, from {@code rabbitmqctl} on
     * this machine; skips the calling test when it cannot run.
     */
    static Set<String> connectionsNamed(String connectionName) throws Exception {
        String needle = "{\"connection_name\",\"" + connectionName + "\"}";
        Set<String> pids = new HashSet<>();
        for (String line :
                rabbitmqctl(
                                "-q",
                                "list_connections",
                                "--no-table-headers",
                                "pid",
                                "client_properties")
                        .split("\n")) {
            if (line.contains(needle)) {
                pids.add(line.substring(0, line.indexOf('\t')));
            }
        }
        return pids;
    }

    /** Has the broker close a connection, as it does to all when it shuts down. */
    static void closeConnection(String pid) throws Exception {
        rabbitmqctl("close_connection", pid, "closed by a test");
    }

    private static String rabbitmqctl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl"));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("rabbitmqctl cannot run here: " + e.getMessage());
            throw new AssertionError("unreachable");
        }
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            Assumptions.abort("rabbitmqctl failed: " + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        for (String exchange : exchanges) {
            channel.exchangeDelete(exchange);
        }
        connection.close();
    }
}
