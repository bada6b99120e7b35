package io.monorail.ws.domain.port.out;

import io.monorail.ws.domain.session.Session;
import java.util.List;
import java.util.Optional;

/**
 * Outgoing port keeping sessions that clients may resume, attached or not. In memory today ({@code
 * InMemorySessionStore}); the seam where several gateway instances would share them.
 */
public interface SessionStore {
    /** Keeps a session under its id. */
    void put(Session session);

    Optional<Session> find(String id);

    /** Forgets a session; true when it was there. */
    boolean remove(Session session);

    /**
     * Forgets and returns the sessions detached at or before {@code cutoffMillis}, plus the oldest
     * detached ones beyond {@code maxDetached}.
     */
    List<Session> evictDetached(long cutoffMillis, int maxDetached);

    /** Sessions kept, attached or not. */
    int size();
}
