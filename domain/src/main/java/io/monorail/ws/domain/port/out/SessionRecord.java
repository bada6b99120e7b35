package io.monorail.ws.domain.port.out;

import java.util.List;
import java.util.Objects;

/**
 * What a session is, as data: its id, the subject that owns it, the gateway instance that holds it,
 * its watches, how far it has numbered its messages, and since when it waits for a resume. Its live
 * attachment to a connection and its replay buffer stay in the gateway that holds it.
 *
 * <p>In cluster mode (ADR 13) a record also carries the session's recent {@link Checkpoint}s, from
 * which another instance recomputes the messages a client missed, and a {@code generation} that
 * grows by one each time another instance takes the session over: a store keeps the record of the
 * highest generation, so an instance that has not yet heard of a takeover cannot write over it.
 *
 * @param instance the gateway instance that holds the session
 * @param generation how many times the session moved to another instance
 * @param lastSeq the {@code seq} of the last watch message the session numbered
 * @param detachedAtMillis when it lost its connection, or -1 while attached
 * @param writtenAtMillis when the record was written; a record nobody refreshes is forgotten
 * @param checkpoints oldest first; empty outside cluster mode
 */
public record SessionRecord(
        String id,
        String owner,
        String instance,
        long generation,
        List<WatchRecord> watches,
        long lastSeq,
        long detachedAtMillis,
        long writtenAtMillis,
        List<Checkpoint> checkpoints) {
    /** The instance name of a gateway that shares its sessions with no other. */
    public static final String LOCAL = "local";

    public SessionRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(instance, "instance");
        watches = List.copyOf(watches);
        checkpoints = List.copyOf(checkpoints);
        if (generation < 0) {
            throw new IllegalArgumentException("generation must not be negative");
        }
    }

    /** A record of a single-instance gateway: no checkpoints. */
    public SessionRecord(
            String id, String owner, List<WatchRecord> watches, long lastSeq, long detachedAt) {
        this(id, owner, LOCAL, 0, watches, lastSeq, detachedAt, 0, List.of());
    }

    /**
     * One watch of a session: its resource, its params in canonical JSON, and how its messages are
     * labelled ({@code typeField} is {@code type} or {@code resource}; {@code ref} is the watch
     * request's {@code ref} as JSON text, or null).
     */
    public record WatchRecord(String type, String params, String typeField, String ref) {
        public WatchRecord {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(params, "params");
            Objects.requireNonNull(typeField, "typeField");
        }

        public WatchRecord(String type, String params) {
            this(type, params, "type", null);
        }
    }

    /**
     * A point from which another instance can recompute a session's numbering: {@code seq} counts
     * every message the session numbered for the event stream up to {@code offset} included, and
     * after it the session's messages follow from {@code watches} alone.
     *
     * @param offset the offset in the event stream, or -1 when it is before the stream's first
     * @param tracked for each filtered watch of a collection, the documents it showed as matching
     *     (its enter and leave messages depend on them)
     */
    public record Checkpoint(
            long seq,
            long offset,
            Kind kind,
            List<WatchRecord> watches,
            List<TrackedWatch> tracked) {
        public Checkpoint {
            Objects.requireNonNull(kind, "kind");
            watches = List.copyOf(watches);
            tracked = List.copyOf(tracked);
        }

        /** A checkpoint of watches none of which tracks the documents it showed. */
        public Checkpoint(long seq, long offset, Kind kind, List<WatchRecord> watches) {
            this(seq, offset, kind, watches, List.of());
        }

        /** What a replay may do with a checkpoint. */
        public enum Kind {
            /** A replay may start here, or pass it and take its watches on. */
            STEP,
            /**
             * A replay may start here but not pass it: just before it, the session numbered a
             * message the event stream cannot give again (a snapshot's {@code list}, a notice).
             */
            BARRIER,
            /** A replay may neither start here nor pass it: a snapshot was being read. */
            BLOCKED
        }
    }

    /**
     * The documents a filtered watch of a collection remembers as shown and matching, at a
     * checkpoint: with the event stream they decide its {@code enter} and {@code leave} messages.
     *
     * @param ids sorted; null when it remembered more than it may (it then stands for more than it
     *     holds, and a takeover cannot recompute it)
     */
    public record TrackedWatch(String type, String params, List<String> ids) {
        public TrackedWatch {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(params, "params");
            ids = ids == null ? null : List.copyOf(ids);
        }
    }
}
