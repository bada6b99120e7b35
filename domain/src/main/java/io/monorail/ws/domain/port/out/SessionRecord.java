package io.monorail.ws.domain.port.out;

import java.util.List;
import java.util.Objects;

/**
 * What a session is, as data: its id, the subject that owns it, its watches, how far it has
 * numbered its messages, and since when it waits for a resume. Its live attachment to a connection
 * and its replay buffer stay in the gateway that holds it.
 *
 * @param lastSeq the {@code seq} of the last watch message the session numbered
 * @param detachedAtMillis when it lost its connection, or -1 while attached
 */
public record SessionRecord(
        String id, String owner, List<WatchRecord> watches, long lastSeq, long detachedAtMillis) {
    public SessionRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        watches = List.copyOf(watches);
    }

    /** One watch of a session: its resource and its params in canonical JSON. */
    public record WatchRecord(String type, String params) {
        public WatchRecord {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(params, "params");
        }
    }
}
