package io.monorail.ws.adapter.rabbitmq;

import com.rabbitmq.client.ConnectionFactory;
import io.monorail.ws.adapter.rabbitmq.SessionStreamJson.Deleted;
import io.monorail.ws.adapter.rabbitmq.SessionStreamJson.Entry;
import io.monorail.ws.adapter.rabbitmq.SessionStreamJson.Marker;
import io.monorail.ws.adapter.rabbitmq.SessionStreamJson.Saved;
import io.monorail.ws.domain.port.out.SessionRecord;
import io.monorail.ws.domain.port.out.SessionStore;
import io.monorail.ws.domain.port.out.StoreException;
import io.monorail.ws.protocol.Backoff;
import io.monorail.ws.protocol.NamedThreads;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SessionStore} every gateway instance on one RabbitMQ shares: each record (or its
 * deletion) is published to a stream queue, and every instance reads that stream from its
 * beginning, so each holds the latest record of every session the stream still retains, under the
 * port's generation rules, in the stream's one order. A write returns once it has come back through
 * the stream: an instance reads its own writes in the same order as everybody else's. Part of
 * cluster mode (ADR 13).
 *
 * <p>When the connection is lost (a broker restart), the store reconnects in the background with a
 * backoff, reads the stream from its beginning again into a new map and then switches to it, so
 * that what changed meanwhile, deletions included, is not missed. Until then it is not {@link
 * #isAvailable() available}: writes fail at once with a {@link StoreException}, and {@code find}
 * answers from what the store last knew.
 *
 * <p>Threads: the stream is read on one thread of the store's own, which applies the entries, calls
 * the listeners and completes the waiting writes; reconnects run on a thread of their own.
 */
public final class RabbitSessionStore implements SessionStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RabbitSessionStore.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);
    private static final Backoff RECONNECT_BACKOFF =
            new Backoff(RabbitFeedConfig.DEFAULT_INITIAL_BACKOFF, Duration.ofSeconds(10));

    private final ConnectionFactory factory;
    private final String maskedUri;
    private final String stream;
    private final String connectionName;
    private final Duration retention;
    private final long maxBytes;
    private final Backoff backoff;
    private final ScheduledThreadPoolExecutor reconnects;
    // The one thread that reads the stream, whichever link it comes through.
    private final ExecutorService reading;
    private final List<Consumer<SessionRecord>> listeners = new CopyOnWriteArrayList<>();
    // Guards switching to a rebuilt map against live applies of a lost link, and forgetting.
    private final Object lock = new Object();
    private volatile Map<String, SessionRecord> records = new ConcurrentHashMap<>();
    // Records written before this were forgotten: reading the stream again must not revive them.
    private volatile long forgottenBefore = Long.MIN_VALUE;
    // The link writes go to; null until it has read the stream up to the present, and once lost.
    private volatile SessionStreamLink current;
    private volatile boolean closed;
    private int failedAttempts; // reconnect thread only

    private RabbitSessionStore(
            URI amqpUri,
            String stream,
            Duration retention,
            long maxBytes,
            Backoff backoff,
            String connectionName) {
        this.maskedUri = RabbitFeedConfig.mask(amqpUri);
        this.factory = RabbitConnections.factory(amqpUri, maskedUri);
        this.stream = stream;
        this.connectionName = connectionName;
        this.retention = retention;
        this.maxBytes = maxBytes;
        this.backoff = backoff;
        this.reconnects =
                new ScheduledThreadPoolExecutor(
                        1, NamedThreads.daemon("monorail-sessions-connect"));
        this.reconnects.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.reading =
                Executors.newSingleThreadExecutor(NamedThreads.daemon("monorail-sessions-read"));
    }

    /**
     * Connects, declares the stream (kept {@code retention}, at most {@code maxBytes}) and reads it
     * from its beginning; returns once what the stream held at that moment is read.
     *
     * @throws IOException when the broker cannot be reached or the stream cannot be read
     */
    public static RabbitSessionStore open(
            URI amqpUri, String stream, Duration retention, long maxBytes) throws IOException {
        return open(
                amqpUri,
                stream,
                retention,
                maxBytes,
                RECONNECT_BACKOFF,
                "monorail-ws (sessions on " + stream + ")");
    }

    /** With the backoff between reconnects and the connection name shown by the broker. */
    static RabbitSessionStore open(
            URI amqpUri,
            String stream,
            Duration retention,
            long maxBytes,
            Backoff backoff,
            String connectionName)
            throws IOException {
        RabbitSessionStore store =
                new RabbitSessionStore(
                        amqpUri, stream, retention, maxBytes, backoff, connectionName);
        try {
            store.connect();
            return store;
        } catch (IOException | RuntimeException e) {
            store.close();
            throw new IOException(
                    "cannot open the session stream "
                            + stream
                            + " at "
                            + store.maskedUri
                            + ": "
                            + BusFailures.describe(e),
                    e);
        }
    }

    /**
     * True while writes can go through: connected, the stream read up to the present, and the
     * broker not blocking publishers.
     */
    public boolean isAvailable() {
        SessionStreamLink link = current;
        return link != null && link.blockedReason() == null && !closed;
    }

    @Override
    public void save(SessionRecord record) {
        await(publish(requireLink(), SessionStreamJson.saved(record)));
    }

    /** Publishes every record, then waits for them all to come back: one round trip in all. */
    @Override
    public void saveAll(Collection<SessionRecord> batch) {
        if (batch.isEmpty()) {
            return;
        }
        SessionStreamLink link = requireLink();
        List<CompletableFuture<Void>> echoes = new ArrayList<>(batch.size());
        try {
            for (SessionRecord record : batch) {
                echoes.add(publish(link, SessionStreamJson.saved(record)));
            }
            // They come back in the order they were published: each has WRITE_TIMEOUT from the
            // one before it.
            for (CompletableFuture<Void> echo : echoes) {
                await(echo);
            }
        } finally {
            echoes.forEach(echo -> echo.cancel(false));
        }
    }

    @Override
    public Optional<SessionRecord> find(String id) {
        return Optional.ofNullable(records.get(id));
    }

    @Override
    public void delete(String id, long generation) {
        await(publish(requireLink(), SessionStreamJson.deleted(id, generation)));
    }

    @Override
    public int size() {
        return records.size();
    }

    /**
     * Calls {@code listener} with every record this store applies from now on, on the thread that
     * reads the stream, in the stream's order: not records it ignores (of a lower generation), not
     * deletions. After a reconnect, it hears the records that changed while the store was away. A
     * listener that throws is logged and does not stop the reading; a listener must not wait for a
     * write to this store, since that write comes back on the thread the listener holds.
     */
    @Override
    public void subscribe(Consumer<SessionRecord> listener) {
        listeners.add(listener);
    }

    @Override
    public int forgetWrittenBefore(long millis) {
        synchronized (lock) {
            forgottenBefore = Math.max(forgottenBefore, millis);
            Map<String, SessionRecord> kept = records;
            int before = kept.size();
            kept.values().removeIf(record -> record.writtenAtMillis() < millis);
            return before - kept.size();
        }
    }

    @Override
    public boolean shared() {
        return true;
    }

    /** Stops reconnecting and closes the connection; writes still waiting fail. */
    @Override
    public void close() {
        closed = true;
        reconnects.shutdownNow();
        try {
            // A connect under way closes what it opened once it sees the store closed.
            reconnects.awaitTermination(
                    2L * RabbitConnections.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        SessionStreamLink link;
        synchronized (lock) {
            link = current;
            current = null;
        }
        if (link != null) {
            link.close();
        }
        reading.shutdown();
    }

    /**
     * Opens a link and waits until it has read the stream up to a marker written now; the link's
     * reader then switches the store to what it read, and writes go to it.
     */
    private void connect() throws IOException {
        String marker = UUID.randomUUID().toString();
        LinkReader reader = new LinkReader(marker);
        SessionStreamLink link;
        try {
            link =
                    SessionStreamLink.open(
                            factory,
                            reading,
                            connectionName,
                            stream,
                            retention,
                            maxBytes,
                            reader::read);
        } catch (TimeoutException e) {
            throw new IOException("timed out connecting", e);
        }
        reader.link = link;
        try {
            awaitCaughtUp(link, link.write(SessionStreamJson.marker(marker)));
        } catch (IOException | RuntimeException e) {
            // The reader may have switched to it just before it was lost.
            synchronized (lock) {
                if (current == link) {
                    current = null;
                }
            }
            link.close();
            throw e;
        }
        link.onLost(reason -> lost(link, reason));
        if (closed) {
            // close() may have run before the reader switched to this link.
            link.close();
        }
    }

    /** Waits for the marker, as long as the stream is still being read: it may be long. */
    private void awaitCaughtUp(SessionStreamLink link, CompletableFuture<Void> marker)
            throws IOException {
        long read = link.entriesRead();
        while (true) {
            try {
                marker.get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                long now = link.entriesRead();
                if (now == read) {
                    throw new IOException("reading the stream stalled for " + WRITE_TIMEOUT, e);
                }
                read = now;
            } catch (ExecutionException e) {
                throw new IOException(e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted reading the session stream");
            }
        }
    }

    /** Called once per link, on a client thread, when the broker or the network dropped it. */
    private void lost(SessionStreamLink link, String reason) {
        synchronized (lock) {
            if (current != link) {
                return;
            }
            current = null;
        }
        if (closed) {
            link.close();
            return;
        }
        LOG.warn("lost the session stream {} at {}: {}; reconnecting", stream, maskedUri, reason);
        try {
            // Not on this thread: the client calls it from the connection it would close.
            reconnects.execute(link::close);
        } catch (RejectedExecutionException e) {
            link.close();
        }
        schedule(retryDelayMillis(1));
    }

    /** Runs on the reconnect thread; retries itself until connected or closed. */
    private void reconnect() {
        if (closed) {
            return;
        }
        try {
            connect();
        } catch (IOException | RuntimeException e) {
            failedAttempts++;
            long delayMillis = retryDelayMillis(failedAttempts);
            LOG.warn(
                    "session stream {} at {} unreachable (attempt {}): {}; retrying in {} ms",
                    stream,
                    maskedUri,
                    failedAttempts,
                    BusFailures.describe(e),
                    delayMillis);
            schedule(delayMillis);
            return;
        }
        failedAttempts = 0;
        LOG.info(
                "reconnected to the session stream {} at {} ({} records)",
                stream,
                maskedUri,
                records.size());
    }

    private void schedule(long delayMillis) {
        try {
            reconnects.schedule(this::reconnect, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closed meanwhile.
        }
    }

    private long retryDelayMillis(int attempt) {
        return backoff.delay(attempt, ThreadLocalRandom.current().nextDouble()).toMillis();
    }

    private SessionStreamLink requireLink() {
        SessionStreamLink link = current;
        if (closed) {
            throw new StoreException("the session store is closed");
        }
        if (link == null) {
            throw new StoreException(
                    "the session stream " + stream + " is unavailable (reconnecting)");
        }
        return link;
    }

    private CompletableFuture<Void> publish(SessionStreamLink link, byte[] entry) {
        try {
            return link.write(entry);
        } catch (IOException e) {
            throw new StoreException(
                    "cannot write to the session stream " + stream + ": " + e.getMessage(), e);
        }
    }

    private void await(CompletableFuture<Void> echo) {
        try {
            echo.get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted writing to the session stream " + stream, e);
        } catch (ExecutionException e) {
            throw new StoreException(
                    "a write to the session stream "
                            + stream
                            + " failed: "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new StoreException(
                    "the session stream " + stream + " did not return a write in " + WRITE_TIMEOUT,
                    e);
        } finally {
            echo.cancel(false);
        }
    }

    /**
     * What one link reads: first, the stream up to its marker into a map of its own, while {@code
     * find} still answers from the old one; at the marker it switches the store to that map, tells
     * the listeners what changed, and from then on applies the entries to it as they come.
     */
    private final class LinkReader {
        private final String marker;
        private final Map<String, SessionRecord> read = new ConcurrentHashMap<>();
        // Ids in the order of the last record applied to each, to tell the changes in that order.
        private final Set<String> order = new LinkedHashSet<>();
        private volatile SessionStreamLink link;
        private boolean live; // reader thread only

        LinkReader(String marker) {
            this.marker = marker;
        }

        /** Runs on the reader thread, one entry at a time, in the stream's order. */
        void read(byte[] body) {
            Entry entry;
            try {
                entry = SessionStreamJson.read(body);
            } catch (IllegalArgumentException e) {
                LOG.warn(
                        "skipped an unreadable entry in the session stream {}: {}",
                        stream,
                        e.getMessage());
                return;
            }
            if (live) {
                readLive(entry);
            } else if (entry instanceof Saved saved) {
                if (keep(read, saved.record())) {
                    order.remove(saved.record().id());
                    order.add(saved.record().id());
                }
            } else if (entry instanceof Deleted deleted) {
                drop(read, deleted);
            } else if (entry instanceof Marker m && m.id().equals(marker)) {
                switchToWhatWasRead();
            }
        }

        private void readLive(Entry entry) {
            SessionRecord applied = null;
            synchronized (lock) {
                if (current != link) {
                    return; // lost: a new link reads the stream again
                }
                if (entry instanceof Saved saved && keep(records, saved.record())) {
                    applied = saved.record();
                } else if (entry instanceof Deleted deleted) {
                    drop(records, deleted);
                }
            }
            if (applied != null) {
                tell(applied);
            }
        }

        private void switchToWhatWasRead() {
            Map<String, SessionRecord> before;
            synchronized (lock) {
                if (closed) {
                    return;
                }
                long forgotten = forgottenBefore;
                read.values().removeIf(record -> record.writtenAtMillis() < forgotten);
                before = records;
                records = read;
                current = link;
                live = true;
            }
            for (String id : order) {
                SessionRecord now = read.get(id);
                if (now != null && !now.equals(before.get(id))) {
                    tell(now);
                }
            }
            order.clear();
        }
    }

    /** Applies a record under the generation rules; true if it replaced what was kept. */
    private static boolean keep(Map<String, SessionRecord> map, SessionRecord offered) {
        SessionRecord kept =
                map.merge(
                        offered.id(),
                        offered,
                        (old, fresh) -> fresh.generation() >= old.generation() ? fresh : old);
        return kept == offered;
    }

    private static void drop(Map<String, SessionRecord> map, Deleted deleted) {
        map.computeIfPresent(
                deleted.id(), (id, kept) -> kept.generation() > deleted.generation() ? kept : null);
    }

    private void tell(SessionRecord record) {
        for (Consumer<SessionRecord> listener : listeners) {
            try {
                listener.accept(record);
            } catch (RuntimeException e) {
                LOG.warn("a listener of the session stream {} failed", stream, e);
            }
        }
    }
}
