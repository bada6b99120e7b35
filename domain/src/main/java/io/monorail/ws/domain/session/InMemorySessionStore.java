package io.monorail.ws.domain.session;

import io.monorail.ws.domain.port.out.SessionStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link SessionStore} in this process's memory: sessions resume on the same instance only. */
public final class InMemorySessionStore implements SessionStore {
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    @Override
    public void put(Session session) {
        sessions.put(session.id(), session);
    }

    @Override
    public Optional<Session> find(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    @Override
    public boolean remove(Session session) {
        return sessions.remove(session.id(), session);
    }

    @Override
    public synchronized List<Session> evictDetached(long cutoffMillis, int maxDetached) {
        List<Session> detached = new ArrayList<>();
        for (Session session : sessions.values()) {
            if (session.detachedAt() >= 0) {
                detached.add(session);
            }
        }
        detached.sort(Comparator.comparingLong(Session::detachedAt));
        List<Session> evicted = new ArrayList<>();
        int excess = detached.size() - maxDetached;
        for (Session session : detached) {
            if ((excess > 0 || session.detachedAt() <= cutoffMillis) && remove(session)) {
                evicted.add(session);
                excess--;
            }
        }
        return evicted;
    }

    @Override
    public int size() {
        return sessions.size();
    }
}
