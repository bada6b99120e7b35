package io.monorail.ws.domain.subscription;

import io.monorail.ws.protocol.SharedFrame;

/** Whoever owns watches (a session): receives the frames its watches match. */
public interface Watcher {
    /** One event for one of this watcher's watches. Called from the feed's delivery thread. */
    void deliver(SharedFrame frame, Watch watch);
}
