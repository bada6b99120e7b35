package io.monorail.ws.adapter.mongodb;

import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.client.model.changestream.OperationType;
import io.monorail.ws.domain.port.out.BusEvent;
import io.monorail.ws.domain.port.out.TopicPattern;
import io.monorail.ws.protocol.Backoff;
import io.monorail.ws.protocol.NamedThreads;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One change stream on one collection, read by its own thread and kept open across failures: it
 * reopens with backoff, resuming after the last change it handed on, and hands each change, in
 * stream order, to a {@link Listener}. Also holds the routing-key patterns bound on the collection.
 *
 * <p>The cursor belongs to the reading thread alone: {@link #close()} only asks it to stop, and the
 * thread closes the cursor within one server wait ({@link #maxAwait}).
 */
final class CollectionStream {
    private static final Logger LOG = LoggerFactory.getLogger(MongoChangeStreamFeed.class);

    /** What a stream reports to; called from its reading thread. */
    interface Listener {
        /** One event, in stream order; may block to slow the stream down. */
        void offer(CollectionStream source, BusEvent event) throws InterruptedException;

        /** The stream failed and is retrying; changes wait in MongoDB until it resumes. */
        void failed(CollectionStream source);

        /** The stream reads again after {@link #failed}. */
        void recovered(CollectionStream source);
    }

    private final String name;
    private final MongoCollection<BsonDocument> collection;
    private final String exchange;
    private final Backoff backoff;
    private final Duration maxAwait;
    private final Listener listener;
    private final Set<String> patterns = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private volatile boolean closed;

    /** Set by the reading thread only (and before it starts). */
    private MongoChangeStreamCursor<ChangeStreamDocument<BsonDocument>> cursor;

    private BsonDocument resumeToken;

    /** After an invalidate event only {@code startAfter} can continue the stream. */
    private boolean startAfter;

    /** Whether the cursor continues from a resume token rather than from "now". */
    private boolean resumed;

    private CollectionStream(
            MongoCollection<BsonDocument> collection,
            String exchange,
            Backoff backoff,
            Duration maxAwait,
            Listener listener) {
        this.name = collection.getNamespace().getCollectionName();
        this.collection = collection;
        this.exchange = exchange;
        this.backoff = backoff;
        this.maxAwait = maxAwait;
        this.listener = listener;
    }

    /**
     * Opens the change stream on the caller's thread, so that a failure reaches the caller and
     * every change after this returns is seen. {@link #start()} begins reading.
     *
     * @throws RuntimeException the driver's failure to open the stream
     */
    static CollectionStream open(
            MongoCollection<BsonDocument> collection,
            String exchange,
            Backoff backoff,
            Duration maxAwait,
            Listener listener) {
        CollectionStream stream =
                new CollectionStream(collection, exchange, backoff, maxAwait, listener);
        stream.cursor = stream.openCursor();
        return stream;
    }

    /** Starts the reading thread. */
    void start() {
        NamedThreads.daemon("monorail-changestream-" + name).newThread(this::run).start();
    }

    /** Asks the reading thread to stop; {@link #terminated()} completes when it did. */
    void close() {
        closed = true;
        closing.countDown();
    }

    boolean isClosed() {
        return closed;
    }

    /** Completes when the reading thread has closed its cursor and ended. */
    CompletableFuture<Void> terminated() {
        return terminated;
    }

    String name() {
        return name;
    }

    /** Adds a pattern; false if it was there already. */
    boolean addPattern(String pattern) {
        return patterns.add(pattern);
    }

    /** Removes a pattern; false if it was not there. */
    boolean removePattern(String pattern) {
        return patterns.remove(pattern);
    }

    boolean hasPatterns() {
        return !patterns.isEmpty();
    }

    /** True when a bound pattern selects {@code routingKey}; safe from any thread. */
    boolean matches(String routingKey) {
        for (String pattern : patterns) {
            if (TopicPattern.matches(pattern, routingKey)) {
                return true;
            }
        }
        return false;
    }

    private void run() {
        int failures = 0;
        try {
            while (!closed) {
                try {
                    if (cursor == null) {
                        cursor = openCursor();
                    }
                    readOnce();
                    if (failures > 0) {
                        // Only a read proves the stream works again; an open alone may not.
                        failures = 0;
                        LOG.info(
                                "change stream on {} {}",
                                name,
                                resumed
                                        ? "resumed"
                                        : "restarted from now: changes made meanwhile are lost");
                        listener.recovered(this);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    closeCursor();
                    if (closed) {
                        return;
                    }
                    failures++;
                    if (failures == 1) {
                        listener.failed(this);
                    }
                    awaitRetry(e, failures);
                }
            }
        } finally {
            closeCursor();
            terminated.complete(null);
        }
    }

    /** Waits at most {@link #maxAwait} for the next change and hands it on. */
    private void readOnce() throws InterruptedException {
        ChangeStreamDocument<BsonDocument> change = cursor.tryNext();
        if (change == null) {
            // The post-batch token: resuming from it skips changes this stream does not return.
            remember(cursor.getResumeToken());
            return;
        }
        if (change.getOperationType() == OperationType.INVALIDATE) {
            // The collection was dropped or renamed; the server closed the cursor.
            LOG.info("change stream on {} invalidated; watching for the collection again", name);
            closeCursor();
            resumeToken = change.getResumeToken();
            startAfter = true;
            return;
        }
        BusEvent event = toBusEvent(change);
        if (event != null) {
            listener.offer(this, event);
        }
        // Only once handed on: a stream that fails before reads the change again.
        remember(change.getResumeToken());
    }

    private BusEvent toBusEvent(ChangeStreamDocument<BsonDocument> change) {
        try {
            BusEvent event = ChangeEvents.toBusEvent(exchange, name, change);
            if (event == null) {
                LOG.debug("ignoring {} change on {}", change.getOperationTypeString(), name);
            }
            return event;
        } catch (RuntimeException e) {
            // Skipped rather than retried: the same change would fail again, forever.
            LOG.error(
                    "could not turn a {} change on {} into an event",
                    change.getOperationTypeString(),
                    name,
                    e);
            return null;
        }
    }

    private void awaitRetry(RuntimeException failure, int attempt) {
        if (ChangeStreamFailures.cannotResume(failure)) {
            LOG.warn(
                    "change stream on {} cannot resume where it stopped ({}); starting from now",
                    name,
                    ChangeStreamFailures.describe(failure));
            resumeToken = null;
            startAfter = false;
        }
        long delayMillis =
                backoff.delay(attempt, ThreadLocalRandom.current().nextDouble()).toMillis();
        if (attempt == 1) {
            LOG.warn(
                    "change stream on {} failed: {}; retrying in {} ms",
                    name,
                    ChangeStreamFailures.describe(failure),
                    delayMillis);
        } else {
            LOG.debug(
                    "change stream on {} still failing (attempt {}): {}; retrying in {} ms",
                    name,
                    attempt,
                    ChangeStreamFailures.describe(failure),
                    delayMillis);
        }
        try {
            closing.await(delayMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private MongoChangeStreamCursor<ChangeStreamDocument<BsonDocument>> openCursor() {
        var watch =
                collection
                        .watch()
                        .fullDocument(FullDocument.UPDATE_LOOKUP)
                        .maxAwaitTime(maxAwait.toMillis(), TimeUnit.MILLISECONDS);
        if (resumeToken != null) {
            watch = startAfter ? watch.startAfter(resumeToken) : watch.resumeAfter(resumeToken);
        }
        MongoChangeStreamCursor<ChangeStreamDocument<BsonDocument>> opened = watch.cursor();
        resumed = resumeToken != null;
        startAfter = false;
        return opened;
    }

    private void remember(BsonDocument token) {
        if (token != null) {
            resumeToken = token;
        }
    }

    private void closeCursor() {
        MongoChangeStreamCursor<ChangeStreamDocument<BsonDocument>> open = cursor;
        cursor = null;
        if (open != null) {
            try {
                open.close();
            } catch (RuntimeException e) {
                LOG.debug(
                        "closing change stream on {}: {}", name, ChangeStreamFailures.describe(e));
            }
        }
    }
}
