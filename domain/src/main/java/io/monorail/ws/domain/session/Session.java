package io.monorail.ws.domain.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monorail.ws.domain.journal.FrameJournal;
import io.monorail.ws.domain.journal.Journaled;
import io.monorail.ws.domain.port.ClientConnection;
import io.monorail.ws.domain.port.out.SessionRecord;
import io.monorail.ws.domain.subscription.Burst;
import io.monorail.ws.domain.subscription.Delivery;
import io.monorail.ws.domain.subscription.TranslatedEvent;
import io.monorail.ws.domain.subscription.Watch;
import io.monorail.ws.domain.subscription.WatchKey;
import io.monorail.ws.domain.subscription.Watcher;
import io.monorail.ws.protocol.MessageCodec;
import io.monorail.ws.protocol.SharedFrame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A client's session: its id, its watches, the {@code seq} of the last watch message and a bounded
 * replay buffer of recent ones. It outlives its connection for a grace period, so a client that
 * comes back resumes it. Numbering, buffering and sending happen under one lock: frames leave in
 * {@code seq} order, a stopped watch receives nothing afterwards, and a resume's replay is never
 * overtaken by a live message.
 */
public final class Session implements Watcher {
    private final String id;
    private final String owner;
    private final MessageCodec codec;
    private final FrameJournal journal;
    private final ReplayBuffer replay;
    private final Map<WatchKey, Watch> watches = new LinkedHashMap<>();
    // Watches whose snapshot is being read: their events wait here, in order.
    private final Map<Watch, List<Pending>> snapshotting = new LinkedHashMap<>();
    private ClientConnection connection;
    // The burst whose end will flush what this session queued, or null when nothing waits.
    private Burst unflushed;
    private boolean announced;
    private boolean expired;
    private long detachedAt = -1;
    private long lastSeq;
    private long generation;
    // Cluster mode only: the points from which another instance can recompute what follows.
    private final List<SessionRecord.Checkpoint> checkpoints = new ArrayList<>();

    /**
     * @param owner the subject of the principal that opened it; only the same subject may resume it
     * @param journal where the frames it keeps for a resume are, shared by every session
     */
    public Session(
            String id,
            String owner,
            ClientConnection connection,
            MessageCodec codec,
            FrameJournal journal,
            SessionLimits limits) {
        this.id = id;
        this.owner = owner;
        this.connection = connection;
        this.codec = codec;
        this.journal = journal;
        this.replay = new ReplayBuffer(journal, limits.replayMessages(), limits.replayBytes());
    }

    /**
     * A session taken over from another instance, detached, numbered up to the seq of the first of
     * {@code from}, the record's checkpoints a replay starts from and passes: its messages after
     * that are recomputed by {@link #replayed} before a client attaches to it.
     */
    public static Session takenOver(
            SessionRecord record,
            List<SessionRecord.Checkpoint> from,
            MessageCodec codec,
            FrameJournal journal,
            SessionLimits limits,
            long nowMillis) {
        Session session = new Session(record.id(), record.owner(), null, codec, journal, limits);
        long seq = from.get(0).seq();
        session.generation = record.generation() + 1;
        session.lastSeq = seq;
        // A client that drops again before it got the replay resumes from these elsewhere too.
        session.checkpoints.addAll(from);
        session.replay.startAfter(seq);
        session.announced = true;
        session.detachedAt = nowMillis;
        return session;
    }

    public String id() {
        return id;
    }

    /** How many times this session moved to another gateway instance. */
    public synchronized long generation() {
        return generation;
    }

    /** The subject that opened this session. */
    public String owner() {
        return owner;
    }

    @Override
    public void deliver(
            Journaled frame, TranslatedEvent event, Delivery delivery, Watch watch, Burst burst) {
        synchronized (this) {
            if (watches.get(watch.key()) != watch) {
                return; // stopped while the event was on its way
            }
            List<Pending> held = snapshotting.isEmpty() ? null : snapshotting.get(watch);
            if (held != null) {
                held.add(new Pending(frame, event, delivery));
                return;
            }
            if (delivery == Delivery.LEAVE_IF_SHOWN) {
                return;
            }
            if (burst.single() && unflushed == null) {
                sendNumbered(frame, watch);
            } else if (queueNumbered(frame, watch) && unflushed != burst) {
                unflushed = burst;
                burst.reached(this);
            }
        }
    }

    @Override
    public synchronized void flush(Burst burst) {
        if (unflushed == burst) {
            unflushed = null;
            if (connection != null) {
                connection.flush();
            }
        }
    }

    /**
     * Ends a snapshot: sends the {@code list} of {@code documents}, then the events that arrived
     * while they were read, except those the snapshot already shows, then lets live events flow.
     */
    @Override
    public synchronized Set<String> completeSnapshot(
            Watch watch,
            ArrayNode documents,
            boolean truncated,
            Function<JsonNode, String> documentId) {
        List<Pending> held = snapshotting.remove(watch);
        if (held == null || watches.get(watch.key()) != watch) {
            return Set.of(); // stopped meanwhile
        }
        ObjectNode fields = documents.objectNode();
        fields.set("items", documents);
        if (truncated) {
            fields.put("truncated", true);
        }
        queueNumbered(
                journal.append(SharedFrame.of(codec, "list", watch.key().type(), fields)), watch);
        SnapshotReconciler.Outcome outcome =
                SnapshotReconciler.reconcile(held, documents, documentId);
        for (Pending pending : outcome.unseen()) {
            queueNumbered(pending.frame(), watch);
        }
        if (connection != null) {
            connection.flush();
        }
        return outcome.shown();
    }

    /** Holds this watch's events until {@link #completeSnapshot}. */
    public synchronized void beginSnapshot(Watch watch) {
        snapshotting.put(watch, new ArrayList<>());
    }

    /**
     * Attaches this session to {@code newConnection} and sends it {@code sessionFrame} followed by
     * every watch message after {@code seenSeq}, atomically with respect to live messages.
     *
     * @return the connection this session was attached to before (to be closed), or empty when the
     *     resume cannot be served (messages after {@code seenSeq} are no longer buffered), in which
     *     case nothing changed
     */
    public synchronized Optional<ResumeResult> resume(
            ClientConnection newConnection, long seenSeq, String sessionFrame) {
        Optional<List<byte[]>> missed = expired ? Optional.empty() : replay.after(seenSeq);
        if (missed.isEmpty()) {
            return Optional.empty();
        }
        ClientConnection previous = connection;
        connection = newConnection;
        detachedAt = -1;
        announced = true;
        newConnection.send(sessionFrame);
        newConnection.sendReplay(missed.get());
        return Optional.of(
                new ResumeResult(previous == newConnection ? null : previous, missed.get().size()));
    }

    /** What a resume did: the connection it took the session from, and how much it replayed. */
    public record ResumeResult(ClientConnection previous, int replayed) {}

    /** The watch with this key, or null. */
    public synchronized Watch watch(WatchKey key) {
        return watches.get(key);
    }

    public synchronized int watchCount() {
        return watches.size();
    }

    /** Adds a watch; false when one with the same key exists. */
    public synchronized boolean addWatch(Watch watch) {
        return watches.putIfAbsent(watch.key(), watch) == null;
    }

    /** Removes this very watch (not a newer one with the same key). */
    public synchronized boolean removeWatch(Watch watch) {
        snapshotting.remove(watch);
        return watches.remove(watch.key(), watch);
    }

    /** Removes and returns the watches that {@code which} selects. */
    public synchronized List<Watch> removeWatches(Predicate<WatchKey> which) {
        List<Watch> removed = new ArrayList<>();
        watches.values()
                .removeIf(
                        watch -> {
                            if (which.test(watch.key())) {
                                removed.add(watch);
                                snapshotting.remove(watch);
                                return true;
                            }
                            return false;
                        });
        return removed;
    }

    /** What this session is, as data, held by {@code instance}, at {@code nowMillis}. */
    public synchronized SessionRecord record(String instance, long nowMillis) {
        return new SessionRecord(
                id,
                owner,
                instance,
                generation,
                watchRecords(),
                lastSeq,
                detachedAt,
                nowMillis,
                checkpoints);
    }

    /**
     * Notes that every message for the event stream up to {@code offset} is numbered and what
     * follows depends on the watches now in force (and, for a filtered watch of a collection, on
     * the documents {@code tracked} says it showed). Call it between two bursts ({@code
     * DispatchPosition#exclusive}). A plain checkpoint that changes nothing but the offset replaces
     * the previous one; at most {@value #MAX_CHECKPOINTS} are kept.
     *
     * @return whether the seq or the watches changed since the last checkpoint
     */
    public synchronized boolean checkpoint(
            long offset,
            SessionRecord.Checkpoint.Kind kind,
            Function<Watch, Optional<SessionRecord.TrackedWatch>> tracked) {
        List<SessionRecord.TrackedWatch> remembered = new ArrayList<>();
        for (Watch watch : watches.values()) {
            tracked.apply(watch).ifPresent(remembered::add);
        }
        SessionRecord.Checkpoint next =
                new SessionRecord.Checkpoint(lastSeq, offset, kind, watchRecords(), remembered);
        SessionRecord.Checkpoint last =
                checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
        boolean same =
                last != null
                        && last.seq() == next.seq()
                        && last.kind() == SessionRecord.Checkpoint.Kind.STEP
                        && kind == SessionRecord.Checkpoint.Kind.STEP
                        && last.watches().equals(next.watches())
                        && last.tracked().equals(next.tracked());
        if (same) {
            checkpoints.set(checkpoints.size() - 1, next);
            return false;
        }
        checkpoints.add(next);
        if (checkpoints.size() > MAX_CHECKPOINTS) {
            checkpoints.remove(0);
        }
        return true;
    }

    /** Checkpoints kept in a record, at most. */
    public static final int MAX_CHECKPOINTS = 8;

    private List<SessionRecord.WatchRecord> watchRecords() {
        List<SessionRecord.WatchRecord> watched = new ArrayList<>(watches.size());
        for (Watch watch : watches.values()) {
            watched.add(
                    new SessionRecord.WatchRecord(
                            watch.key().type(),
                            watch.key().canonicalParams(),
                            watch.typeField().fieldName(),
                            watch.ref() == null
                                    ? null
                                    : new String(
                                            watch.ref(), java.nio.charset.StandardCharsets.UTF_8)));
        }
        return watched;
    }

    /**
     * A message recomputed from the event stream for a session {@link #takenOver} from another
     * instance, kept for the resume that follows.
     */
    public synchronized void replayed(Journaled frame, Watch watch) {
        if (connection != null) {
            throw new IllegalStateException("a replay runs before a client attaches");
        }
        queueNumbered(frame, watch);
    }

    /**
     * Another instance took this session over: it ends here without a resume, and the connection it
     * was attached to, if any, is returned to be closed.
     */
    public synchronized ClientConnection movedAway() {
        ClientConnection previous = connection;
        connection = null;
        expired = true;
        if (detachedAt < 0) {
            detachedAt = 0;
        }
        return previous;
    }

    /** The seq of the last watch message. */
    public synchronized long lastSeq() {
        return lastSeq;
    }

    /** The client was given this session's id, so it may come back for it. */
    public synchronized void announce() {
        announced = true;
    }

    public synchronized boolean announced() {
        return announced;
    }

    /**
     * The connection closed: keep buffering for a resume, unless another connection has taken the
     * session over meanwhile.
     *
     * @return true when this detached the session
     */
    public synchronized boolean detach(ClientConnection closed, long nowMillis) {
        if (connection != closed) {
            return false;
        }
        connection = null;
        detachedAt = nowMillis;
        return true;
    }

    /**
     * Ends a detached session for good, unless a client has resumed it meanwhile.
     *
     * @return true when it expired; false when it is attached again
     */
    public synchronized boolean expire() {
        if (connection != null) {
            return false;
        }
        expired = true;
        return true;
    }

    /** When the session lost its connection, or -1 while attached. */
    public synchronized long detachedAt() {
        return detachedAt;
    }

    @Override
    public synchronized void notice(Journaled frame) {
        if (watches.isEmpty()) {
            return;
        }
        if (queueNumbered(frame, null) && connection != null) {
            connection.flush();
        }
    }

    /** Numbers a message, keeps it for a resume and, while attached, writes it now. */
    private void sendNumbered(Journaled frame, Watch watch) {
        long seq = ++lastSeq;
        replay.append(seq, frame, watch);
        if (connection != null) {
            connection.queueAndFlush(ReplayBuffer.render(frame.frame(), watch, seq));
        }
    }

    /**
     * Numbers a message, keeps it for a resume and, while attached, queues it on the connection. A
     * detached session only keeps it: nothing is rendered for a client that is not there.
     *
     * @param watch the watch that labels it, or null for a notice
     * @return whether it was queued on a connection
     */
    private boolean queueNumbered(Journaled frame, Watch watch) {
        long seq = ++lastSeq;
        replay.append(seq, frame, watch);
        if (connection == null) {
            return false;
        }
        connection.queue(ReplayBuffer.render(frame.frame(), watch, seq));
        return true;
    }

    /** An event held back while a snapshot is read. */
    record Pending(Journaled frame, TranslatedEvent event, Delivery delivery) {}

    @Override
    public String toString() {
        return "session " + SessionIds.redact(id);
    }
}
