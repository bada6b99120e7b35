package io.monorail.ws.adapter.rabbitmq;

import com.rabbitmq.client.ConnectionFactory;
import io.monorail.ws.domain.port.out.BusEvent;
import io.monorail.ws.domain.port.out.EventFeed;
import io.monorail.ws.domain.port.out.EventFeedException;
import io.monorail.ws.domain.port.out.EventSink;
import io.monorail.ws.domain.port.out.TopicBinding;
import io.monorail.ws.protocol.Backoff;
import io.monorail.ws.protocol.NamedThreads;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RabbitMQ implementation of the {@link EventFeed} port, in one of two modes.
 *
 * <p>Queue mode (the default, single instance, ADR 4): one exclusive queue per gateway, bound and
 * unbound as watches come and go. Events published while the connection is down are lost with the
 * queue; the sink hears only that the feed went down and came back.
 *
 * <p>Stream mode (cluster mode, ADR 13; {@link RabbitFeedConfig#streamMode()}): one durable stream
 * queue shared by every instance, bound with {@code #} to a configured set of exchanges, read whole
 * by each, so all instances see the same events in the same order with the same offsets ({@link
 * BusEvent#offset()}). Routing to watches stays in the gateway, so {@code bind} only checks that
 * the exchange feeds the stream and {@code unbind} does nothing. The first connect reads from the
 * first event retained; every reconnect resumes where the last delivered event was ({@link
 * StreamPosition}), so an outage loses nothing unless retention dropped it first, and then the sink
 * hears it ({@link EventSink#onEventsLost}). The stream outlives the feed: it is never deleted.
 *
 * <p>Recovery is the feed's own, not the client's automatic recovery: the client recovers only
 * after a first successful connect (so a retry loop is needed anyway), and it would replay
 * declarations made on the separate declaring connection independently of the queue. Here every
 * connect, the first or the hundredth, runs the same path: open, declare a fresh queue (or the
 * stream), re-apply the set of desired bindings (or bind the stream), then report available. That
 * set is the single source of truth; a binding enters it only when the broker confirmed it.
 *
 * <p>Acknowledgements are manual, after the sink returned, with a prefetch limit. This buys no
 * durability (the exclusive queue dies with the connection; a stream keeps its events acknowledged
 * or not) but bounds memory: with auto-ack the broker pushes as fast as it can and the client
 * buffers without limit when the sink is slow; with a prefetch the backlog stays in the broker,
 * where it is visible and bounded.
 *
 * <p>Threads: one topology thread runs connects, retries, binds and unbinds in order, so they never
 * race each other, and completes their futures; a caller is never blocked. While disconnected,
 * {@code bind} returns an already failed future ({@code UNAVAILABLE}). Every broker call is bounded
 * by a 5 s timeout. Every sink callback comes from one delivery thread: events in queue order,
 * availability changes in between.
 */
public final class RabbitEventFeed implements EventFeed {
    private static final Logger LOG = LoggerFactory.getLogger(RabbitEventFeed.class);
    private static final long STOP_WAIT_SECONDS = 10;
    // Events handed to the sink at once, at most: bounds one burst's latency for the last client.
    private static final int MAX_BURST = 256;

    private final RabbitFeedConfig config;
    private final ConnectionFactory factory;
    private final Backoff backoff;
    private final ScheduledThreadPoolExecutor topology;
    private final ExecutorService delivery;
    // Hands deliveries to the sink in bursts, off the client library's consumer thread.
    private final ExecutorService dispatch;
    private final BurstDispatcher bursts;
    private final Set<TopicBinding> desired = ConcurrentHashMap.newKeySet();
    // Stream mode only (null in queue mode): where the feed is in the stream, and the configured
    // exchanges the stream is bound to on the current connection.
    private final StreamPosition position;
    private volatile Set<String> streamBound = Set.of();
    // Stream mode: whether the feed has read what the stream held when it first subscribed.
    private volatile boolean caughtUp;
    private final AtomicBoolean available = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile EventSink sink;
    private volatile BusConnection current;
    private int failedAttempts;

    public RabbitEventFeed(RabbitFeedConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.factory = RabbitConnections.factory(config.amqpUri(), config.maskedUri());
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
        this.topology =
                new ScheduledThreadPoolExecutor(1, NamedThreads.daemon("monorail-rabbit-topology"));
        // A retry still waiting when the feed stops must not run.
        this.topology.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.delivery =
                Executors.newSingleThreadExecutor(NamedThreads.daemon("monorail-rabbit-delivery"));
        this.dispatch =
                Executors.newSingleThreadExecutor(NamedThreads.daemon("monorail-rabbit-dispatch"));
        this.bursts = new BurstDispatcher(dispatch, () -> sink, MAX_BURST);
        this.position =
                config.streamMode() == null
                        ? null
                        : new StreamPosition(config.streamMode().stream());
    }

    /** Starts connecting in the background and returns at once, whether the broker is up or not. */
    public void start() {
        if (stopped || !started.compareAndSet(false, true)) {
            throw new IllegalStateException("a feed starts once");
        }
        LOG.info("connecting to message bus at {}", config.maskedUri());
        topology.execute(this::connect);
    }

    /** Stops retrying and closes the connections. Events stop; the sink is not told. */
    public void stop() {
        stopped = true;
        topology.shutdown();
        try {
            if (!topology.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                topology.shutdownNow();
            }
        } catch (InterruptedException e) {
            topology.shutdownNow();
            Thread.currentThread().interrupt();
        }
        BusConnection bus = current;
        current = null;
        available.set(false);
        if (bus != null) {
            bus.close();
        }
        delivery.shutdown();
        dispatch.shutdown();
    }

    @Override
    public void setSink(EventSink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public CompletableFuture<Void> bind(TopicBinding binding) {
        Objects.requireNonNull(binding, "binding");
        if (!available.get()) {
            return CompletableFuture.failedFuture(BusFailures.unavailable());
        }
        if (position != null) {
            return bindStream(binding.exchange());
        }
        return bindOnce(binding, () -> desired, binding);
    }

    /**
     * Binds on the topology thread, unless {@code key} is in the {@code bound} set of the current
     * connection already; adds it there once the broker confirmed. Fails as the broker's answer
     * says, or {@code UNAVAILABLE} while disconnected.
     */
    private <K> CompletableFuture<Void> bindOnce(
            TopicBinding binding, Supplier<Set<K>> bound, K key) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        onTopologyThread(
                () -> {
                    BusConnection bus = current;
                    if (stopped || bus == null || !available.get()) {
                        result.completeExceptionally(BusFailures.unavailable());
                        return;
                    }
                    if (bound.get().contains(key)) {
                        result.complete(null);
                        return;
                    }
                    try {
                        bus.bind(binding);
                        bound.get().add(key);
                        result.complete(null);
                    } catch (EventFeedException e) {
                        LOG.warn(
                                "binding {} to exchange {} with key {} failed: {}",
                                bus.queue(),
                                binding.exchange(),
                                binding.routingKey(),
                                BusFailures.describe(e.getCause() == null ? e : e.getCause()));
                        result.completeExceptionally(e);
                    }
                },
                () -> result.completeExceptionally(BusFailures.unavailable()));
        return result;
    }

    /**
     * Stream mode: the stream holds every event of its exchanges, so a binding needs only that its
     * exchange is one of them. A configured exchange missing at connect is declared and bound now,
     * as queue mode would, and fails the same way.
     */
    private CompletableFuture<Void> bindStream(String exchange) {
        if (streamBound.contains(exchange)) {
            return CompletableFuture.completedFuture(null);
        }
        Set<String> configured = config.streamMode().exchanges();
        if (!configured.contains(exchange)) {
            return CompletableFuture.failedFuture(
                    new EventFeedException(
                            EventFeedException.Reason.REJECTED,
                            "exchange "
                                    + exchange
                                    + " is not among the exchanges the cluster stream is bound to: "
                                    + String.join(", ", configured)));
        }
        return bindOnce(new TopicBinding(exchange, "#"), () -> streamBound, exchange);
    }

    /** In stream mode a no-op: the stream stays bound to all its exchanges. */
    @Override
    public CompletableFuture<Void> unbind(TopicBinding binding) {
        Objects.requireNonNull(binding, "binding");
        if (position != null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        onTopologyThread(
                () -> {
                    BusConnection bus = current;
                    try {
                        if (desired.remove(binding) && bus != null) {
                            bus.unbind(binding);
                        }
                    } catch (Exception e) {
                        // The next reconnect drops it anyway: bindings live on the queue.
                        LOG.warn(
                                "unbinding from exchange {} with key {} failed: {}",
                                binding.exchange(),
                                binding.routingKey(),
                                BusFailures.describe(e));
                    } finally {
                        result.complete(null);
                    }
                },
                () -> result.complete(null));
        return result;
    }

    @Override
    public boolean isAvailable() {
        return available.get();
    }

    /** True in stream mode: a reconnect resumes the stream where the feed left it. */
    @Override
    public boolean resumesAfterOutage() {
        return position != null;
    }

    /**
     * Stream mode: the marker published after the first subscription came back, so everything the
     * stream held before was handed to the sink; from now on events are news. Runs on the sink's
     * thread, in order among the events.
     */
    private void caughtUp() {
        caughtUp = true;
        LOG.info("read the stream {} up to now: live", config.streamMode().stream());
        if (current != null) {
            setAvailable(true);
        }
    }

    /** Runs on the topology thread; retries itself until connected or stopped. */
    private void connect() {
        if (stopped) {
            return;
        }
        BusConnection bus = null;
        StreamPosition.Subscription subscription = position == null ? null : position.resume();
        String marker = null;
        if (subscription != null && !caughtUp) {
            // Until it read what the stream held when it subscribed, the feed is not live: a watch
            // then would get those older events as news.
            marker = UUID.randomUUID().toString();
            subscription.awaitMarker(marker, this::caughtUp);
        }
        try {
            bus = BusConnection.open(factory, delivery, config, bursts, subscription);
            reapplyBindings(bus);
            if (marker != null) {
                bus.publishMarker(marker);
            }
        } catch (Exception e) {
            if (bus != null) {
                bus.close();
            }
            failedAttempts++;
            long delayMillis = retryDelayMillis(failedAttempts);
            LOG.warn(
                    "message bus at {} unreachable (attempt {}): {}; retrying in {} ms",
                    config.maskedUri(),
                    failedAttempts,
                    BusFailures.describe(e),
                    delayMillis);
            schedule(this::connect, delayMillis);
            return;
        }
        failedAttempts = 0;
        current = bus;
        if (subscription == null) {
            LOG.info(
                    "connected to message bus at {} (queue {}, {} bindings)",
                    config.maskedUri(),
                    bus.queue(),
                    desired.size());
        } else {
            connectedToStream(bus, subscription);
        }
        // The marker may have come back already, before this connection was current.
        if (marker == null || caughtUp) {
            setAvailable(true);
        }
        BusConnection connected = bus;
        bus.onLost(reason -> connectionLost(connected, reason));
        if (stopped) {
            // stop() gave up waiting for this connect and will not close it.
            bus.close();
        }
    }

    private void connectedToStream(BusConnection bus, StreamPosition.Subscription subscription) {
        Set<String> bound = ConcurrentHashMap.newKeySet();
        bound.addAll(bus.boundExchanges());
        streamBound = bound;
        bus.unboundExchanges()
                .forEach(
                        (exchange, why) ->
                                LOG.warn(
                                        "stream {} left unbound from exchange {}: {}",
                                        bus.queue(),
                                        exchange,
                                        why.getMessage()));
        LOG.info(
                "connected to message bus at {} (stream {} from offset {}, bound to {})",
                config.maskedUri(),
                bus.queue(),
                subscription.startArgument(),
                bus.boundExchanges());
    }

    private void reapplyBindings(BusConnection bus) {
        for (TopicBinding binding : desired) {
            try {
                bus.bind(binding);
            } catch (EventFeedException e) {
                if (e.reason() == EventFeedException.Reason.UNAVAILABLE) {
                    throw e;
                }
                // Kept in the desired set: the next reconnect tries again.
                LOG.warn(
                        "could not restore binding to exchange {} with key {}: {}",
                        binding.exchange(),
                        binding.routingKey(),
                        e.getMessage());
            }
        }
    }

    /** Called once per connection, from a client thread, when the broker or network drops it. */
    private void connectionLost(BusConnection bus, String reason) {
        if (current != bus || stopped) {
            return;
        }
        setAvailable(false);
        LOG.warn("lost connection to message bus at {}: {}", config.maskedUri(), reason);
        onTopologyThread(
                () -> {
                    if (current == bus) {
                        current = null;
                        bus.close();
                        schedule(this::connect, retryDelayMillis(1));
                    }
                },
                () -> {});
    }

    private long retryDelayMillis(int attempt) {
        return backoff.delay(attempt, ThreadLocalRandom.current().nextDouble()).toMillis();
    }

    /**
     * Tells the sink on the delivery thread, so that every sink callback comes from one thread, in
     * order, and a sink may wait on a {@code bind} from it without blocking the topology thread
     * that completes it.
     */
    private void setAvailable(boolean value) {
        if (available.compareAndSet(!value, value)) {
            try {
                delivery.execute(() -> notifyAvailability(value));
            } catch (RejectedExecutionException e) {
                // Stopped: the sink is not told about a stop.
            }
        }
    }

    private void notifyAvailability(boolean value) {
        EventSink target = sink;
        if (target != null) {
            try {
                target.onAvailability(value);
            } catch (RuntimeException e) {
                LOG.error("event sink failed on availability change", e);
            }
        }
    }

    private void onTopologyThread(Runnable task, Runnable whenStopped) {
        try {
            topology.execute(task);
        } catch (RejectedExecutionException e) {
            whenStopped.run();
        }
    }

    private void schedule(Runnable task, long delayMillis) {
        try {
            topology.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Stopped meanwhile.
        }
    }
}
