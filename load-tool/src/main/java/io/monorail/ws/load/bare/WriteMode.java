package io.monorail.ws.load.bare;

/** How the bare server hands a delivery to Jetty. */
public enum WriteMode {
    /** {@code Session.sendText} per delivery: batching off, one write per frame. */
    EACH,
    /**
     * The core session's {@code sendFrame(frame, callback, batch=true)}, the last frame of a burst
     * with {@code batch=false}: one write per connection per burst.
     */
    BATCHED
}
