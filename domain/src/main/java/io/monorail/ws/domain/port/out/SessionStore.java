package io.monorail.ws.domain.port.out;

import java.util.Optional;

/**
 * Outgoing port keeping what clients' sessions are ({@link SessionRecord}s), written when a session
 * is announced, when its watches change, when it detaches and when it ends: never per delivered
 * message. In memory today; the seam where several gateway instances would share sessions.
 */
public interface SessionStore {
    /** Keeps a record under its id, replacing an older one. */
    void save(SessionRecord record);

    Optional<SessionRecord> find(String id);

    /** Forgets the record with this id, if any. */
    void delete(String id);

    /** Records kept. */
    int size();
}
