package io.monorail.ws.domain.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.monorail.ws.domain.journal.Journaled;
import java.util.Set;
import java.util.function.Function;

/** Whoever owns watches (a session): receives the frames its watches match. */
public interface Watcher {
    /**
     * One event for one of this watcher's watches. Called from the feed's delivery thread.
     *
     * @param frame the event, serialized once for every recipient, at its place in the journal
     * @param event the same event as the resource presented it (for snapshot reconciliation)
     * @param delivery how the event reaches the watch's group; {@link Delivery#LEAVE_IF_SHOWN} only
     *     while the watch reads its snapshot
     */
    void deliver(
            Journaled frame, TranslatedEvent event, Delivery delivery, Watch watch, Burst burst);

    /**
     * The end of a burst this watcher gathered messages in: write them. Called by {@link Burst#end}
     * on the burst's thread.
     */
    void flush(Burst burst);

    /**
     * Ends the snapshot of {@code watch}: sends {@code documents} as a {@code list}, then what
     * arrived while they were read and the list does not already show.
     *
     * @param documentId the id by which events name a document
     * @return the ids of the documents the client shows now, or an empty set when the watch was
     *     stopped meanwhile
     */
    Set<String> completeSnapshot(
            Watch watch,
            ArrayNode documents,
            boolean truncated,
            Function<JsonNode, String> documentId);

    /**
     * Something every watch of this watcher should know (events were lost), numbered like a watch
     * message so that it is replayed to a client that resumes.
     *
     * @param frame the notice, labelled with {@code type}, without {@code ref}
     */
    void notice(Journaled frame);
}
