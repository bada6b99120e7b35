package io.monorail.ws.domain.session;

import io.monorail.ws.domain.port.out.SessionStore;
import io.monorail.ws.domain.subscription.SubscriptionRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions this gateway holds live (attached to a connection, or detached and waiting for a
 * resume), and when they end: a detached session ends once its grace period is over, and beyond the
 * detached-session limit the oldest detached ones end first. Every change to what a session is goes
 * to the {@link SessionStore} as a record.
 */
public final class SessionDirectory {
    private static final System.Logger LOG = System.getLogger(SessionDirectory.class.getName());

    private final Map<String, Session> live = new ConcurrentHashMap<>();
    private final SessionStore store;
    private final SubscriptionRegistry registry;
    private final SessionLimits limits;

    public SessionDirectory(
            SessionStore store, SubscriptionRegistry registry, SessionLimits limits) {
        this.store = store;
        this.registry = registry;
        this.limits = limits;
    }

    /** A session whose id the client now knows, so it may come back for it. */
    public void register(Session session) {
        live.put(session.id(), session);
        store.save(session.record());
    }

    /** The live session with this id. */
    public Optional<Session> find(String id) {
        return Optional.ofNullable(live.get(id));
    }

    /** The session's watches changed, or it detached: its record follows. */
    public void changed(Session session) {
        if (live.get(session.id()) == session) {
            store.save(session.record());
        }
    }

    /** A session nobody can use any more: forget it and release its watches. */
    public void end(Session session) {
        if (live.remove(session.id(), session)) {
            store.delete(session.id(), session.generation());
        }
        session.removeWatches(key -> true).forEach(registry::remove);
    }

    /**
     * Ends the detached sessions whose grace period is over at {@code nowMillis}, and the oldest
     * detached ones beyond the limit.
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
            LOG.log(System.Logger.Level.DEBUG, "{0} detached sessions expired", ended);
        }
        return ended;
    }

    /** Sessions held, attached or not. */
    public int size() {
        return live.size();
    }
}
