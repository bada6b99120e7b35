package io.monorail.ws.domain.subscription;

import io.monorail.ws.protocol.SharedFrame;

/** Whoever owns watches (a session): receives the frames its watches match. */
public interface Watcher {
    /**
     * One event for one of this watcher's watches. Called from the feed's delivery thread.
     *
     * @param frame the event, serialized once for every recipient
     * @param event the same event as the resource presented it (for snapshot reconciliation)
     */
    void deliver(SharedFrame frame, TranslatedEvent event, Watch watch);

    /**
     * Something every watch of this watcher should know (events were lost), numbered like a watch
     * message so that it is replayed to a client that resumes.
     *
     * @param frame a complete frame as JSON text, without {@code seq}
     */
    void notice(String frame);
}
