package io.monorail.ws.domain.session;

import io.monorail.ws.domain.cluster.ClusterSettings;
import io.monorail.ws.domain.cluster.DispatchPosition;
import io.monorail.ws.domain.port.ClientConnection;
import io.monorail.ws.domain.port.out.Clock;
import io.monorail.ws.domain.port.out.SessionRecord;
import io.monorail.ws.domain.port.out.SessionRecord.Checkpoint.Kind;
import io.monorail.ws.domain.port.out.SessionStore;
import io.monorail.ws.domain.subscription.SubscriptionRegistry;
import io.monorail.ws.protocol.CloseCode;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The sessions this gateway holds live (attached to a connection, or detached and waiting for a
 * resume), and when they end: a detached session ends once its grace period is over, and beyond the
 * detached-session limit the oldest detached ones end first. Every change to what a session is goes
 * to the {@link SessionStore} as a record.
 *
 * <p>In cluster mode (ADR 13) a record carries checkpoints, taken between two bursts of the event
 * stream (under the {@link DispatchPosition} lock) whenever the session's watches change, when it
 * detaches, and periodically while it is attached; and a session another instance took over (a
 * record of a higher generation) ends here, its connection closed with 4002.
 */
public final class SessionDirectory {
    private static final System.Logger LOG = System.getLogger(SessionDirectory.class.getName());

    private final Map<String, Session> live = new ConcurrentHashMap<>();
    private final Map<Session, Long> savedAt = new ConcurrentHashMap<>();
    private final SessionStore store;
    private final SubscriptionRegistry registry;
    private final SessionLimits limits;
    private final ClusterSettings cluster;
    private final DispatchPosition position;
    private final Clock clock;

    public SessionDirectory(
            SessionStore store, SubscriptionRegistry registry, SessionLimits limits) {
        this(store, registry, limits, ClusterSettings.SINGLE, new DispatchPosition(), () -> 0);
    }

    public SessionDirectory(
            SessionStore store,
            SubscriptionRegistry registry,
            SessionLimits limits,
            ClusterSettings cluster,
            DispatchPosition position,
            Clock clock) {
        this.store = store;
        this.registry = registry;
        this.limits = limits;
        this.cluster = cluster;
        this.position = position;
        this.clock = clock;
        if (cluster.enabled()) {
            store.subscribe(this::heard);
        }
    }

    /** A session whose id the client now knows, so it may come back for it. */
    public void register(Session session) {
        live.put(session.id(), session);
        checkpoint(session, Kind.STEP);
        save(session);
    }

    /** A session taken over from another instance, ready for its client. */
    public void adopt(Session session) {
        live.put(session.id(), session);
        save(session);
    }

    /** The live session with this id. */
    public Optional<Session> find(String id) {
        return Optional.ofNullable(live.get(id));
    }

    /** The record of a session, wherever it is held, or empty. */
    public Optional<SessionRecord> record(String id) {
        return store.find(id);
    }

    /** The session's watches changed, or it detached: its record follows. */
    public void changed(Session session) {
        if (live.get(session.id()) == session) {
            checkpoint(session, Kind.STEP);
            save(session);
        }
    }

    /**
     * Changes what {@code session} watches; in cluster mode between two bursts, followed by a
     * checkpoint of {@code kind}, so that the change takes effect at one exact offset. The record
     * is written by {@link #changed} once the change is complete.
     */
    public <T> T change(Session session, Kind kind, Supplier<T> change) {
        if (!cluster.enabled()) {
            return change.get();
        }
        return position.exclusive(
                () -> {
                    T done = change.get();
                    session.checkpoint(position.dispatched(), kind, registry::tracked);
                    return done;
                });
    }

    /** A session nobody can use any more: forget it and release its watches. */
    public void end(Session session) {
        if (live.remove(session.id(), session)) {
            savedAt.remove(session);
            try {
                store.delete(session.id(), session.generation());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not delete the record of " + session, e);
            }
        }
        session.removeWatches(key -> true).forEach(registry::remove);
    }

    /**
     * Ends the detached sessions whose grace period is over at {@code nowMillis}, and the oldest
     * detached ones beyond the limit; in cluster mode also forgets the records no instance
     * refreshed (their instance is gone).
     *
     * @return how many ended
     */
    public int expire(long nowMillis) {
        long cutoff = nowMillis - limits.grace().toMillis();
        List<Session> detached = new ArrayList<>();
        for (Session session : live.values()) {
            if (session.detachedAt() >= 0) {
                detached.add(session);
            }
        }
        detached.sort(Comparator.comparingLong(Session::detachedAt));
        int excess = detached.size() - limits.maxDetachedSessions();
        int ended = 0;
        for (Session session : detached) {
            boolean due = excess > 0 || session.detachedAt() <= cutoff;
            // expire() refuses a session that a client resumed meanwhile.
            if (due && session.expire()) {
                end(session);
                ended++;
                excess--;
            }
        }
        if (ended > 0) {
            LOG.log(Level.DEBUG, "{0} detached sessions expired", ended);
        }
        if (cluster.enabled()) {
            store.forgetWrittenBefore(
                    cutoff - cluster.checkpointInterval().multipliedBy(2).toMillis());
        }
        return ended;
    }

    /**
     * Cluster mode: checkpoints the attached sessions of one slice (of {@code slices}, by session
     * id), and writes the records whose seq or watches moved, or which were not written for half
     * the grace period (so that their checkpoint stays within what the stream keeps, and other
     * instances know they live). Called for each slice in turn, every checkpoint interval divided
     * by {@code slices}, it checkpoints each session once an interval and spreads the writes over
     * it: thousands of records written at once delay the events in between.
     *
     * @return how many records were written
     */
    public int checkpointAttached(int slice, int slices) {
        if (!cluster.enabled()) {
            return 0;
        }
        if (slices < 1 || slice < 0 || slice >= slices) {
            throw new IllegalArgumentException("slice " + slice + " of " + slices);
        }
        long now = clock.millis();
        long refresh = limits.grace().toMillis() / 2;
        List<Session> due = new ArrayList<>();
        position.exclusive(
                () -> {
                    for (Session session : live.values()) {
                        if (session.detachedAt() >= 0
                                || !session.announced()
                                || Math.floorMod(session.id().hashCode(), slices) != slice) {
                            continue;
                        }
                        boolean moved =
                                session.checkpoint(
                                        position.dispatched(), Kind.STEP, registry::tracked);
                        if (moved || now - savedAt.getOrDefault(session, 0L) >= refresh) {
                            due.add(session);
                        }
                    }
                });
        List<SessionRecord> records = new ArrayList<>(due.size());
        for (Session session : due) {
            records.add(session.record(cluster.instance(), now));
        }
        try {
            store.saveAll(records);
            due.forEach(session -> savedAt.put(session, now));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not write " + records.size() + " session checkpoints", e);
        }
        return records.size();
    }

    /**
     * Runs {@code notice}, which numbers a message for every session that the event stream cannot
     * give again; in cluster mode between two bursts, followed by a barrier checkpoint of every
     * session, so that no replay passes this point.
     */
    public void barrierForAll(Runnable notice) {
        if (!cluster.enabled()) {
            notice.run();
            return;
        }
        position.exclusive(
                () -> {
                    notice.run();
                    for (Session session : live.values()) {
                        session.checkpoint(position.dispatched(), Kind.BARRIER, registry::tracked);
                    }
                });
        List<SessionRecord> records = new ArrayList<>();
        long now = clock.millis();
        for (Session session : live.values()) {
            records.add(session.record(cluster.instance(), now));
        }
        try {
            store.saveAll(records);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not write " + records.size() + " session barriers", e);
        }
    }

    /** Sessions held, attached or not. */
    public int size() {
        return live.size();
    }

    /** A record from the store: if another instance took over a session held here, it ends here. */
    private void heard(SessionRecord record) {
        if (record.instance().equals(cluster.instance())) {
            return;
        }
        Session mine = live.get(record.id());
        if (mine == null || mine.generation() >= record.generation()) {
            return;
        }
        if (live.remove(record.id(), mine)) {
            savedAt.remove(mine);
            ClientConnection previous = mine.movedAway();
            mine.removeWatches(key -> true).forEach(registry::remove);
            LOG.log(Level.DEBUG, "{0} moved to instance {1}", mine, record.instance());
            if (previous != null) {
                previous.close(
                        CloseCode.SESSION_TAKEN_OVER.code(), CloseCode.SESSION_TAKEN_OVER.reason());
            }
        }
    }

    private void checkpoint(Session session, Kind kind) {
        if (cluster.enabled()) {
            position.exclusive(
                    () -> session.checkpoint(position.dispatched(), kind, registry::tracked));
        }
    }

    private void save(Session session) {
        long now = clock.millis();
        try {
            store.save(session.record(cluster.instance(), now));
            savedAt.put(session, now);
        } catch (RuntimeException e) {
            // The session works on here; only a resume on another instance would miss it.
            LOG.log(Level.WARNING, "could not write the record of " + session, e);
        }
    }
}
