package io.monorail.ws.adapter.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the session stream: declares the stream, reads it from its first entry on one
 * consumer, and publishes this instance's writes, each with an id so that its writer can wait for
 * it to come back through the stream.
 *
 * <p>A link is used until it is lost, then dropped: every write still waiting fails at once, and
 * the store opens a new link, which reads the stream from its first entry again.
 */
final class SessionStreamLink {
    private static final Logger LOG = LoggerFactory.getLogger(SessionStreamLink.class);
    private static final String WRITE_ID = "monorail-write-id";
    // Entries in flight to the reader: enough to read a long stream quickly at start.
    private static final int PREFETCH = 1_000;

    private final Connection connection;
    private final Channel publishing;
    private final String stream;
    private final Consumer<byte[]> reader;
    // This link's writes waiting to come back through the stream, by write id.
    private final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
    private final AtomicLong entriesRead = new AtomicLong();
    private volatile String blockedReason;
    private volatile String lostReason;
    private Consumer<String> lostListener; // guarded by this

    private SessionStreamLink(
            Connection connection, Channel publishing, String stream, Consumer<byte[]> reader) {
        this.connection = connection;
        this.publishing = publishing;
        this.stream = stream;
        this.reader = reader;
    }

    /** A sixty-fourth of the size bound, between 1 and 8 MB. */
    static long segmentBytes(long maxBytes) {
        return Math.max(1L << 20, Math.min(8L << 20, maxBytes / 64));
    }

    /**
     * Connects, declares the stream (kept {@code retention}, at most {@code maxBytes}) and starts
     * reading it from its first entry: {@code reader} gets every entry's body, in the stream's
     * order, on {@code readerThread}.
     */
    static SessionStreamLink open(
            ConnectionFactory factory,
            ExecutorService readerThread,
            String connectionName,
            String stream,
            Duration retention,
            long maxBytes,
            Consumer<byte[]> reader)
            throws IOException, TimeoutException {
        Connection connection = factory.newConnection(readerThread, connectionName);
        try {
            Channel publishing = connection.createChannel();
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
                            maxBytes,
                            // Retention drops whole segments: small ones keep what a starting
                            // instance reads close to the retention.
                            "x-stream-max-segment-size-bytes",
                            segmentBytes(maxBytes)));
            SessionStreamLink link = new SessionStreamLink(connection, publishing, stream, reader);
            connection.addShutdownListener(
                    cause -> {
                        if (!cause.isInitiatedByApplication()) {
                            link.lost(BusFailures.describe(cause));
                        }
                    });
            connection.addBlockedListener(
                    reason -> link.blockedReason = reason, () -> link.blockedReason = null);
            Channel reading = connection.createChannel();
            for (Channel channel : new Channel[] {publishing, reading}) {
                channel.addShutdownListener(
                        cause -> {
                            // A hard error is the connection's loss, reported by its own listener.
                            if (!cause.isInitiatedByApplication() && !cause.isHardError()) {
                                link.lost("channel closed: " + BusFailures.describe(cause));
                            }
                        });
            }
            reading.basicQos(PREFETCH);
            reading.basicConsume(
                    stream, false, Map.of("x-stream-offset", "first"), link.new Reader(reading));
            return link;
        } catch (IOException | RuntimeException e) {
            connection.abort(RabbitConnections.TIMEOUT_MILLIS);
            throw e;
        }
    }

    /**
     * Publishes an entry. The future completes once the reader has been given it back, or fails
     * when the link is lost or closed first; cancelling it stops the waiting.
     *
     * @throws IOException when the entry cannot be published: the link is lost, closed, or the
     *     broker blocks publishers (a resource alarm) and would hold the caller
     */
    CompletableFuture<Void> write(byte[] body) throws IOException {
        String blocked = blockedReason;
        if (blocked != null) {
            throw new IOException("the broker blocks publishing: " + blocked);
        }
        String writeId = UUID.randomUUID().toString();
        CompletableFuture<Void> echo = new CompletableFuture<>();
        pending.put(writeId, echo);
        echo.whenComplete((done, failure) -> pending.remove(writeId));
        // Checked after registering: either this write sees the loss or the loss fails it.
        String lost = lostReason;
        if (lost != null) {
            echo.cancel(false);
            throw new IOException("connection lost: " + lost);
        }
        AMQP.BasicProperties properties =
                new AMQP.BasicProperties.Builder()
                        .contentType("application/json")
                        .headers(Map.of(WRITE_ID, writeId))
                        .build();
        try {
            synchronized (publishing) {
                publishing.basicPublish("", stream, properties, body);
            }
        } catch (IOException | ShutdownSignalException e) {
            echo.cancel(false);
            throw new IOException("cannot publish: " + BusFailures.describe(e), e);
        }
        return echo;
    }

    /** How many entries the reader has been given: grows while a long stream is read. */
    long entriesRead() {
        return entriesRead.get();
    }

    /** Null while the broker accepts publishing, else why it blocks it. */
    String blockedReason() {
        return blockedReason;
    }

    /**
     * Calls {@code listener} once when the connection, a channel or the consumer is lost, right
     * away if that already happened. {@link #close()} does not count.
     */
    synchronized void onLost(Consumer<String> listener) {
        lostListener = listener;
        if (lostReason != null) {
            listener.accept(lostReason);
        }
    }

    /** Closes the connection, waiting a bounded time, and fails the writes still waiting. */
    void close() {
        failPending("the session store was closed");
        connection.abort(RabbitConnections.TIMEOUT_MILLIS);
    }

    private void lost(String reason) {
        Consumer<String> listener;
        synchronized (this) {
            if (lostReason != null) {
                return;
            }
            lostReason = reason;
            listener = lostListener;
        }
        failPending("connection lost before the write came back: " + reason);
        if (listener != null) {
            listener.accept(reason);
        }
    }

    private void failPending(String why) {
        IOException failure = new IOException(why);
        pending.values().forEach(echo -> echo.completeExceptionally(failure));
    }

    /** Hands each entry to the reader, then completes the write it echoes, if it is this link's. */
    private final class Reader extends DefaultConsumer {
        Reader(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(
                String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                throws IOException {
            entriesRead.incrementAndGet();
            try {
                reader.accept(body);
            } catch (RuntimeException e) {
                LOG.warn("reading an entry of the session stream {} failed", stream, e);
            }
            Object writeId =
                    properties.getHeaders() == null ? null : properties.getHeaders().get(WRITE_ID);
            if (writeId != null) {
                CompletableFuture<Void> echo = pending.get(writeId.toString());
                if (echo != null) {
                    echo.complete(null);
                }
            }
            getChannel().basicAck(envelope.getDeliveryTag(), false);
        }

        @Override
        public void handleCancel(String consumerTag) {
            lost("the broker cancelled the reader (was the stream deleted?)");
        }
    }
}
