package io.monorail.ws.adapter.rabbitmq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.monorail.ws.domain.port.out.SessionRecord;
import io.monorail.ws.domain.port.out.SessionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SessionStore} every gateway instance on one RabbitMQ shares: each record (or its
 * deletion) is published to a stream queue, and every instance reads that stream from its
 * beginning, so each holds the latest record of every session the stream still retains, in the
 * stream's one order. A write returns once it has come back through the stream: an instance reads
 * its own writes in the same order as everybody else's, never an older record over a newer one.
 * Part of cluster mode (ADR 13); the gateway does not use it yet.
 */
public final class RabbitSessionStore implements SessionStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RabbitSessionStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WRITE_ID = "monorail-write-id";
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);

    private final Connection connection;
    private final Channel publishing;
    private final String stream;
    private final Map<String, SessionRecord> records = new ConcurrentHashMap<>();
    // Writes of this instance waiting to come back through the stream, by write id.
    private final Map<String, CompletableFuture<Void>> echoes = new ConcurrentHashMap<>();

    private RabbitSessionStore(Connection connection, String stream) throws IOException {
        this.connection = connection;
        this.stream = stream;
        this.publishing = connection.createChannel();
        publishing.confirmSelect();
    }

    /**
     * Connects, declares the stream (kept {@code retention}, at most {@code maxBytes}) and reads it
     * from its beginning; returns once what the stream held at that moment is read.
     */
    public static RabbitSessionStore open(
            URI amqpUri, String stream, Duration retention, long maxBytes) throws IOException {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(amqpUri);
            Connection connection = factory.newConnection("monorail-ws (sessions)");
            RabbitSessionStore store = new RabbitSessionStore(connection, stream);
            store.declare(retention, maxBytes);
            store.readFromTheBeginning();
            return store;
        } catch (TimeoutException | java.security.GeneralSecurityException e) {
            throw new IOException("cannot open the session stream " + stream, e);
        }
    }

    private void declare(Duration retention, long maxBytes) throws IOException {
        publishing.queueDeclare(
                stream,
                true,
                false,
                false,
                Map.of(
                        "x-queue-type",
                        "stream",
                        "x-max-age",
                        retention.toSeconds() + "s",
                        "x-max-length-bytes",
                        maxBytes));
    }

    private void readFromTheBeginning() throws IOException {
        // A marker written now: once it comes back, everything before it has been read.
        CompletableFuture<Void> caughtUp = new CompletableFuture<>();
        String marker = UUID.randomUUID().toString();
        echoes.put(marker, caughtUp);
        Channel reading = connection.createChannel();
        reading.basicQos(256);
        reading.basicConsume(
                stream, false, Map.of("x-stream-offset", "first"), new Reader(reading));
        publish(marker, JSON.createObjectNode().put("marker", true));
        await(marker, caughtUp);
    }

    @Override
    public void save(SessionRecord record) {
        write(toJson(record));
    }

    @Override
    public Optional<SessionRecord> find(String id) {
        return Optional.ofNullable(records.get(id));
    }

    @Override
    public void delete(String id, long generation) {
        write(JSON.createObjectNode().put("id", id).put("deleted", true));
    }

    @Override
    public int size() {
        return records.size();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing the session stream connection failed", e);
        }
    }

    private void write(ObjectNode body) {
        String writeId = UUID.randomUUID().toString();
        CompletableFuture<Void> echo = new CompletableFuture<>();
        echoes.put(writeId, echo);
        try {
            publish(writeId, body);
        } catch (IOException e) {
            echoes.remove(writeId);
            throw new UncheckedIOException("cannot write to the session stream " + stream, e);
        }
        await(writeId, echo);
    }

    private void publish(String writeId, ObjectNode body) throws IOException {
        AMQP.BasicProperties properties =
                new AMQP.BasicProperties.Builder()
                        .contentType("application/json")
                        .headers(Map.of(WRITE_ID, writeId))
                        .build();
        synchronized (publishing) {
            publishing.basicPublish("", stream, properties, JSON.writeValueAsBytes(body));
        }
    }

    private void await(String writeId, CompletableFuture<Void> echo) {
        try {
            echo.get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted writing to " + stream, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "the session stream " + stream + " did not return a write in " + WRITE_TIMEOUT,
                    e);
        } finally {
            echoes.remove(writeId);
        }
    }

    /** Applies the stream's records in order and completes this instance's waiting writes. */
    private final class Reader extends DefaultConsumer {
        Reader(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(
                String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                throws IOException {
            try {
                apply(JSON.readTree(body));
            } catch (IOException | RuntimeException e) {
                LOG.warn("skipped an unreadable record in the session stream {}", stream, e);
            }
            Object writeId =
                    properties.getHeaders() == null ? null : properties.getHeaders().get(WRITE_ID);
            if (writeId != null) {
                CompletableFuture<Void> echo = echoes.get(writeId.toString());
                if (echo != null) {
                    echo.complete(null);
                }
            }
            getChannel().basicAck(envelope.getDeliveryTag(), false);
        }
    }

    private void apply(JsonNode node) {
        if (node.path("marker").asBoolean(false)) {
            return;
        }
        String id = node.path("id").asText(null);
        if (id == null) {
            return;
        }
        if (node.path("deleted").asBoolean(false)) {
            records.remove(id);
        } else {
            records.put(id, fromJson(node));
        }
    }

    static ObjectNode toJson(SessionRecord record) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", record.id());
        node.put("owner", record.owner());
        node.put("lastSeq", record.lastSeq());
        node.put("detachedAt", record.detachedAtMillis());
        ArrayNode watches = node.putArray("watches");
        for (SessionRecord.WatchRecord watch : record.watches()) {
            watches.addObject().put("type", watch.type()).put("params", watch.params());
        }
        return node;
    }

    static SessionRecord fromJson(JsonNode node) {
        List<SessionRecord.WatchRecord> watches = new ArrayList<>();
        for (JsonNode watch : node.path("watches")) {
            watches.add(
                    new SessionRecord.WatchRecord(
                            watch.path("type").asText(), watch.path("params").asText()));
        }
        return new SessionRecord(
                node.path("id").asText(),
                node.path("owner").asText(),
                watches,
                node.path("lastSeq").asLong(),
                node.path("detachedAt").asLong(-1));
    }
}
