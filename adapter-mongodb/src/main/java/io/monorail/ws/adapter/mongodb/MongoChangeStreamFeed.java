package io.monorail.ws.adapter.mongodb;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadPreference;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.monorail.ws.domain.port.out.BusEvent;
import io.monorail.ws.domain.port.out.EventFeed;
import io.monorail.ws.domain.port.out.EventFeedException;
import io.monorail.ws.domain.port.out.EventFeedException.Reason;
import io.monorail.ws.domain.port.out.EventSink;
import io.monorail.ws.domain.port.out.TopicBinding;
import io.monorail.ws.protocol.Backoff;
import io.monorail.ws.protocol.NamedThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.BsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EventFeed} on MongoDB change streams, for deployments whose writers do not publish record
 * changes to RabbitMQ: it produces the events RackHD's writers would have published on {@code
 * on.waterline}, {@code <collection>.<created|updated|destroyed>.<id>} with body {@code {"event",
 * "record"}}.
 *
 * <p>It serves bindings on its one exchange whose pattern starts with a collection name ({@code
 * nodes.#}, {@code nodes.*.<id>}); anything else is refused ({@code REJECTED}). Each watched
 * collection has one change stream, shared by every pattern on it and closed with the last one.
 * Change streams need a replica set: against a standalone server a bind fails with {@code
 * REJECTED}.
 *
 * <p>Threads: one control thread opens and closes streams for {@code bind} and {@code unbind}, in
 * call order, and completes their futures; a caller is never blocked. Each stream has its own
 * reading thread that reopens it with backoff after a failure, resuming after the last change it
 * handed on. Every sink callback comes from one delivery thread: each collection's events in the
 * order of its change stream, availability changes in between. At most {@link #MAX_PENDING_EVENTS}
 * events wait for the sink; beyond that the streams stop reading and MongoDB keeps the backlog.
 *
 * <p>Available means events flow: the driver knows a server the streams may read from and no stream
 * is failing. While unavailable, {@code bind} returns an already failed future ({@code
 * UNAVAILABLE}).
 */
public final class MongoChangeStreamFeed implements EventFeed {
    private static final Logger LOG = LoggerFactory.getLogger(MongoChangeStreamFeed.class);

    /** Events read from the streams but not yet delivered to the sink, across all streams. */
    static final int MAX_PENDING_EVENTS = 1024;

    /** How long a read waits on the server; also how long a stream takes to notice a close. */
    static final Duration MAX_AWAIT = Duration.ofSeconds(1);

    /** Unless the URI says otherwise: how long opening a stream waits for a server. */
    static final Duration DEFAULT_SERVER_SELECTION_TIMEOUT = Duration.ofSeconds(5);

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private static final long STOP_WAIT_SECONDS = 10;

    private final ChangeStreamConfig config;
    private final ConnectionString uri;
    private final Backoff backoff;
    private final StreamObserver observer;
    private final SourceHealth health;
    private final ExecutorService control;
    private final ExecutorService delivery;
    private final Semaphore pendingEvents = new Semaphore(MAX_PENDING_EVENTS);
    private final CollectionStream.Listener streamListener = new StreamListener();

    /** Touched on the control thread only (and by {@link #stop()} once that thread has ended). */
    private final Map<String, CollectionStream> streams = new HashMap<>();

    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile EventSink sink;
    private volatile MongoClient client;
    private volatile MongoDatabase database;

    public MongoChangeStreamFeed(ChangeStreamConfig config) {
        this(config, StreamObserver.NONE);
    }

    /** For tests: also tells {@code observer} when a stream fails and when it reads again. */
    MongoChangeStreamFeed(ChangeStreamConfig config, StreamObserver observer) {
        this.config = Objects.requireNonNull(config, "config");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.uri = MongoStoreConfig.parse(config.connectionString());
        this.backoff = RetryBackoff.of(config);
        ReadPreference readPreference =
                uri.getReadPreference() == null
                        ? ReadPreference.primary()
                        : uri.getReadPreference();
        this.health = new SourceHealth(readPreference, config.redactedUri(), this::tellSink);
        this.control =
                Executors.newSingleThreadExecutor(
                        NamedThreads.daemon("monorail-changestream-control"));
        this.delivery =
                Executors.newSingleThreadExecutor(
                        NamedThreads.daemon("monorail-changestream-delivery"));
    }

    /**
     * Creates the client and returns at once, whether the server is up or not; the feed becomes
     * available when the driver has found a server.
     */
    public void start() {
        if (stopped || !started.compareAndSet(false, true)) {
            throw new IllegalStateException("a feed starts once");
        }
        MongoClient created = MongoClients.create(settings());
        client = created;
        database = created.getDatabase(config.database());
        LOG.info(
                "change streams: MongoDB at {}, events on exchange {}",
                config.redactedUri(),
                config.exchange());
    }

    /** Closes the streams and the client. Events stop; the sink is not told. */
    public void stop() {
        stopped = true;
        health.stop();
        // Queued binds still run, see the stop and fail; after that the stream map is ours.
        control.shutdown();
        awaitTermination(control);
        List<CompletableFuture<Void>> ending = new ArrayList<>();
        for (CollectionStream stream : streams.values()) {
            stream.close();
            ending.add(stream.terminated());
        }
        streams.clear();
        try {
            CompletableFuture.allOf(ending.toArray(new CompletableFuture<?>[0]))
                    .get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("change streams did not end within {} s; closing anyway", STOP_WAIT_SECONDS);
        }
        MongoClient closing = client;
        client = null;
        database = null;
        if (closing != null) {
            closing.close();
        }
        delivery.shutdown();
    }

    @Override
    public void setSink(EventSink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public CompletableFuture<Void> bind(TopicBinding binding) {
        try {
            Objects.requireNonNull(binding, "binding");
            String collection = ChangeEvents.collectionOf(binding, config.exchange());
            if (!isAvailable()) {
                return CompletableFuture.failedFuture(unavailable());
            }
            CompletableFuture<Void> result = new CompletableFuture<>();
            control.execute(() -> bindNow(binding, collection, result));
            return result;
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(unavailable());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Completes once nothing the binding alone selected can reach the sink any more. */
    @Override
    public CompletableFuture<Void> unbind(TopicBinding binding) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        try {
            Objects.requireNonNull(binding, "binding");
            control.execute(() -> unbindNow(binding, result));
        } catch (RuntimeException e) {
            // Stopped, so every stream is closed anyway; or a null binding, never bound.
            result.complete(null);
        }
        return result;
    }

    @Override
    public boolean isAvailable() {
        return health.isAvailable();
    }

    /** The collections with an open change stream, for tests. */
    List<String> watchedCollections() {
        CompletableFuture<List<String>> names = new CompletableFuture<>();
        control.execute(() -> names.complete(List.copyOf(streams.keySet())));
        return names.join();
    }

    /** Runs on the control thread. */
    private void bindNow(TopicBinding binding, String collection, CompletableFuture<Void> result) {
        MongoDatabase db = database;
        if (stopped || db == null) {
            result.completeExceptionally(unavailable());
            return;
        }
        CollectionStream stream = streams.get(collection);
        if (stream == null) {
            try {
                // Opened here, not on the stream's thread: the bind must know whether it worked.
                stream =
                        CollectionStream.open(
                                db.getCollection(collection, BsonDocument.class),
                                config.exchange(),
                                backoff,
                                MAX_AWAIT,
                                streamListener);
            } catch (RuntimeException e) {
                LOG.warn(
                        "could not open a change stream on {}: {}",
                        collection,
                        ChangeStreamFailures.describe(e));
                result.completeExceptionally(ChangeStreamFailures.openFailed(collection, e));
                return;
            }
            streams.put(collection, stream);
            stream.start();
            LOG.debug("change stream on {} opened", collection);
        }
        stream.addPattern(binding.routingKey());
        result.complete(null);
    }

    /** Runs on the control thread. */
    private void unbindNow(TopicBinding binding, CompletableFuture<Void> result) {
        String collection;
        try {
            collection = ChangeEvents.collectionOf(binding, config.exchange());
        } catch (EventFeedException neverBound) {
            result.complete(null);
            return;
        }
        CollectionStream stream = streams.get(collection);
        if (stream == null || !stream.removePattern(binding.routingKey())) {
            result.complete(null);
            return;
        }
        if (stream.hasPatterns()) {
            afterQueuedDeliveries(result);
            return;
        }
        streams.remove(collection);
        stream.close();
        health.streamClosed(stream);
        stream.terminated()
                .whenComplete(
                        (ended, failure) -> {
                            LOG.debug("change stream on {} closed", collection);
                            afterQueuedDeliveries(result);
                        });
    }

    /**
     * Completes {@code result} once the events already queued for the sink are delivered, so that
     * nothing the removed pattern selected arrives after its unbind completed. Never waits on the
     * control thread: a sink may itself wait on a bind.
     */
    private void afterQueuedDeliveries(CompletableFuture<Void> result) {
        try {
            delivery.execute(() -> result.complete(null));
        } catch (RejectedExecutionException e) {
            result.complete(null);
        }
    }

    /**
     * Called from a stream's reading thread; blocks while {@link #MAX_PENDING_EVENTS} events wait,
     * so that a slow sink slows the streams down instead of filling memory.
     */
    private void enqueue(CollectionStream source, BusEvent event) throws InterruptedException {
        while (!pendingEvents.tryAcquire(MAX_AWAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            if (source.isClosed()) {
                return;
            }
        }
        try {
            delivery.execute(() -> deliver(source, event));
        } catch (RejectedExecutionException e) {
            pendingEvents.release();
        }
    }

    /** Runs on the delivery thread. */
    private void deliver(CollectionStream source, BusEvent event) {
        try {
            // A closed stream's events are dropped: a stream opened after it delivers its own.
            EventSink target = sink;
            if (target != null && !source.isClosed() && source.matches(event.routingKey())) {
                target.onEvent(event);
            }
        } catch (RuntimeException e) {
            LOG.error("event sink failed on {}", event.routingKey(), e);
        } finally {
            pendingEvents.release();
        }
    }

    /** Called by {@link SourceHealth} under its lock, so changes are queued in order. */
    private void tellSink(boolean available) {
        try {
            delivery.execute(() -> notifyAvailability(available));
        } catch (RejectedExecutionException e) {
            // Stopped: the sink is not told about a stop.
        }
    }

    /** Runs on the delivery thread. */
    private void notifyAvailability(boolean available) {
        EventSink target = sink;
        if (target == null || stopped) {
            return;
        }
        try {
            target.onAvailability(available);
        } catch (RuntimeException e) {
            LOG.error("event sink failed on availability change", e);
        }
    }

    private static EventFeedException unavailable() {
        return new EventFeedException(Reason.UNAVAILABLE, ChangeStreamFailures.UNAVAILABLE);
    }

    /**
     * Timeouts set in the URI win over the defaults. No {@code ServerApi}: mongo-java-server does
     * not know {@code hello} and the driver would hang.
     */
    private MongoClientSettings settings() {
        MongoClientSettings.Builder settings =
                DriverSettings.builder(
                                uri,
                                DEFAULT_SERVER_SELECTION_TIMEOUT,
                                DEFAULT_CONNECT_TIMEOUT,
                                "monorail-ws-changestreams")
                        .applyToClusterSettings(cluster -> cluster.addClusterListener(health));
        return settings.build();
    }

    private static void awaitTermination(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** What the streams report to: their events, and their health. */
    private final class StreamListener implements CollectionStream.Listener {
        @Override
        public void offer(CollectionStream source, BusEvent event) throws InterruptedException {
            enqueue(source, event);
        }

        @Override
        public void failed(CollectionStream source) {
            health.streamFailed(source);
            observer.failed(source.name());
        }

        @Override
        public void recovered(CollectionStream source) {
            health.streamRecovered(source);
            observer.recovered(source.name());
        }
    }

    /** Hears when streams fail and when they read again; a seam for tests. */
    interface StreamObserver {
        StreamObserver NONE =
                new StreamObserver() {
                    @Override
                    public void failed(String collection) {}

                    @Override
                    public void recovered(String collection) {}
                };

        void failed(String collection);

        void recovered(String collection);
    }
}
