package io.monorail.ws.adapter.rabbitmq;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import io.monorail.ws.domain.port.out.EventFeedException;
import io.monorail.ws.domain.port.out.TopicBinding;
import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One successful connect: the connection that owns this gateway's exclusive queue (or reads the
 * shared event stream) and consumes it, a channel on it for bindings, and a second connection for
 * exchange declarations.
 *
 * <p>Declarations get their own connection because a declaration that clashes with an existing
 * exchange costs RabbitMQ only the channel (406) but costs Qpid Broker-J the whole connection
 * (530): only a separate connection keeps the queue and its consumer alive on both. Channels and
 * the declaring connection are re-opened on next use after the broker closed them.
 *
 * <p>Not thread-safe: the feed uses it from its one topology thread; only the delivery callbacks
 * and the loss notification run elsewhere.
 */
final class BusConnection {
    private static final int CLOSE_TIMEOUT_MILLIS = 2_000;

    private final ConnectionFactory factory;
    private final ExecutorService executor;
    private final String name;
    private final Connection connection;
    private final Channel consumerChannel;
    private final String queue;
    // Stream mode: the configured exchanges the stream is bound to, and why the others are not.
    private final Set<String> boundExchanges = new LinkedHashSet<>();
    private final Map<String, EventFeedException> unboundExchanges = new LinkedHashMap<>();
    private Channel bindChannel;
    private Connection declareConnection;
    private Channel declareChannel;

    private String lostReason;
    private Consumer<String> lostListener;

    private BusConnection(
            ConnectionFactory factory,
            ExecutorService executor,
            String name,
            Connection connection,
            Channel consumerChannel,
            String queue) {
        this.factory = factory;
        this.executor = executor;
        this.name = name;
        this.connection = connection;
        this.consumerChannel = consumerChannel;
        this.queue = queue;
    }

    /**
     * Connects, declares a server-named exclusive auto-delete queue and consumes it with manual
     * acknowledgements and a prefetch limit, delivering on {@code executor}. With a {@code
     * subscription} (stream mode) it declares the configured stream instead, binds it to the
     * configured exchanges that exist, and consumes it from the subscription's offset.
     */
    static BusConnection open(
            ConnectionFactory factory,
            ExecutorService executor,
            RabbitFeedConfig config,
            BurstDispatcher bursts,
            StreamPosition.Subscription subscription)
            throws IOException, TimeoutException {
        Connection connection = factory.newConnection(executor, config.connectionName());
        try {
            Channel channel = connection.createChannel();
            channel.basicQos(config.prefetch());
            RabbitFeedConfig.StreamMode stream = subscription == null ? null : config.streamMode();
            String queue =
                    stream == null
                            ? channel.queueDeclare("", false, true, true, null).getQueue()
                            : channel.queueDeclare(
                                            stream.stream(),
                                            true,
                                            false,
                                            false,
                                            streamArguments(stream))
                                    .getQueue();
            BusConnection bus =
                    new BusConnection(
                            factory, executor, config.connectionName(), connection, channel, queue);
            connection.addShutdownListener(
                    cause -> {
                        if (!cause.isInitiatedByApplication()) {
                            bus.lost(BusFailures.describe(cause));
                        }
                    });
            channel.addShutdownListener(
                    cause -> {
                        // A hard error is the connection's loss, reported by its own listener.
                        if (!cause.isInitiatedByApplication() && !cause.isHardError()) {
                            bus.lost("consuming channel closed: " + BusFailures.describe(cause));
                        }
                    });
            if (stream == null) {
                channel.basicConsume(queue, false, new SinkConsumer(channel, bursts, bus::lost));
            } else {
                bus.bindStream(stream.exchanges());
                channel.basicConsume(
                        queue,
                        false,
                        Map.of(SinkConsumer.OFFSET_HEADER, subscription.startArgument()),
                        new SinkConsumer(channel, bursts, bus::lost, subscription));
            }
            return bus;
        } catch (IOException | RuntimeException e) {
            connection.abort(CLOSE_TIMEOUT_MILLIS);
            throw e;
        }
    }

    /**
     * Publishes marker {@code id} straight to the stream (not an event: every reader skips it), and
     * waits until the broker has it.
     */
    void publishMarker(String id) throws IOException {
        try (Channel marking = connection.createChannel()) {
            marking.confirmSelect();
            marking.basicPublish(
                    "",
                    queue,
                    new com.rabbitmq.client.AMQP.BasicProperties.Builder()
                            .headers(Map.of(SinkConsumer.MARKER_HEADER, id))
                            .build(),
                    new byte[0]);
            marking.waitForConfirmsOrDie(CLOSE_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted publishing a marker", e);
        } catch (TimeoutException e) {
            throw new IOException("the broker did not confirm a marker", e);
        }
    }

    /** The declaration's arguments: a stream, with the retention every instance must agree on. */
    static Map<String, Object> streamArguments(RabbitFeedConfig.StreamMode stream) {
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("x-queue-type", "stream");
        arguments.put("x-max-age", stream.maxAgeArgument());
        arguments.put("x-max-length-bytes", stream.maxLengthBytes());
        if (stream.maxSegmentSizeBytes() > 0) {
            arguments.put("x-stream-max-segment-size-bytes", stream.maxSegmentSizeBytes());
        }
        return arguments;
    }

    /**
     * Declares each exchange as queue mode does when it binds (topic, durable, as RackHD declares
     * them) and binds the stream to it with {@code #}: one that exists with other attributes, or is
     * refused, stays unbound (see {@link #unboundExchanges()}) rather than failing the connect, and
     * a watch of it is refused as in queue mode.
     *
     * @throws EventFeedException ({@code UNAVAILABLE}) when the broker does not answer
     */
    private void bindStream(Set<String> exchanges) {
        for (String exchange : exchanges) {
            try {
                bind(new TopicBinding(exchange, "#"));
                boundExchanges.add(exchange);
            } catch (EventFeedException failure) {
                if (failure.reason() == EventFeedException.Reason.UNAVAILABLE) {
                    throw failure;
                }
                unboundExchanges.put(exchange, failure);
            }
        }
    }

    /** Stream mode: the configured exchanges the stream was bound to at connect. */
    Set<String> boundExchanges() {
        return Collections.unmodifiableSet(boundExchanges);
    }

    /** Stream mode: the configured exchanges left unbound at connect, with the reason. */
    Map<String, EventFeedException> unboundExchanges() {
        return Collections.unmodifiableMap(unboundExchanges);
    }

    String queue() {
        return queue;
    }

    /**
     * Calls {@code listener} once when the connection or its consumer is lost, right away if that
     * already happened. Closing it through {@link #close()} does not count.
     */
    synchronized void onLost(Consumer<String> listener) {
        lostListener = listener;
        if (lostReason != null) {
            listener.accept(lostReason);
        }
    }

    private synchronized void lost(String reason) {
        if (lostReason == null) {
            lostReason = reason;
            if (lostListener != null) {
                lostListener.accept(reason);
            }
        }
    }

    /**
     * Declares the exchange as RackHD does (durable topic) and binds the queue to it.
     *
     * @throws io.monorail.ws.domain.port.out.EventFeedException when either is refused or fails
     */
    void bind(TopicBinding binding) {
        try {
            declare(binding.exchange());
        } catch (IOException | TimeoutException | ShutdownSignalException e) {
            declareChannel = abortIfOpen(declareChannel);
            throw BusFailures.bindFailure(binding.exchange(), e);
        }
        try {
            bindChannel().queueBind(queue, binding.exchange(), binding.routingKey());
        } catch (IOException | ShutdownSignalException e) {
            bindChannel = abortIfOpen(bindChannel);
            throw BusFailures.bindFailure(binding.exchange(), e);
        }
    }

    void unbind(TopicBinding binding) throws IOException {
        try {
            bindChannel().queueUnbind(queue, binding.exchange(), binding.routingKey());
        } catch (IOException | ShutdownSignalException e) {
            bindChannel = abortIfOpen(bindChannel);
            throw e;
        }
    }

    /** Closes both connections; waits a bounded time and never throws. */
    void close() {
        if (declareConnection != null) {
            declareConnection.abort(CLOSE_TIMEOUT_MILLIS);
        }
        connection.abort(CLOSE_TIMEOUT_MILLIS);
    }

    private void declare(String exchange) throws IOException, TimeoutException {
        Channel channel = declareChannel();
        if (exchange.startsWith("amq.")) {
            // Reserved names: the broker owns them and refuses an active declaration.
            channel.exchangeDeclarePassive(exchange);
        } else {
            channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true, false, null);
        }
    }

    private Channel declareChannel() throws IOException, TimeoutException {
        if (declareConnection == null || !declareConnection.isOpen()) {
            declareConnection = factory.newConnection(executor, name + " (declarations)");
            declareChannel = null;
        }
        if (declareChannel == null || !declareChannel.isOpen()) {
            declareChannel = declareConnection.createChannel();
        }
        return declareChannel;
    }

    private Channel bindChannel() throws IOException {
        if (bindChannel == null || !bindChannel.isOpen()) {
            bindChannel = connection.createChannel();
        }
        return bindChannel;
    }

    /**
     * A channel still open after a failure (a timed-out RPC) is in an unknown state: drop it so the
     * next operation opens a fresh one.
     */
    private static Channel abortIfOpen(Channel channel) {
        if (channel != null && channel.isOpen()) {
            try {
                channel.abort();
            } catch (IOException e) {
                // Dropping it anyway.
            }
        }
        return null;
    }
}
