package io.monorail.ws.client;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The client's side of a server session: its id, for resuming, and the highest {@code seq} seen on
 * it, for resuming and for dropping what was already delivered. Confined to the event loop except
 * {@link #id()}.
 */
final class SessionTracker {
    private volatile String id;
    private long lastSeq;

    /** True when there is a session to ask the server to resume. */
    boolean canResume() {
        return id != null;
    }

    /** {@code {"handler":"init"}}, or with {@code id} and {@code seq} when resuming. */
    ObjectNode initFrame() {
        ObjectNode frame = JsonNodeFactory.instance.objectNode().put("handler", "init");
        if (id != null) {
            frame.put("id", id).put("seq", lastSeq);
        }
        return frame;
    }

    /** The server named the session. */
    void established(String sessionId) {
        id = sessionId;
    }

    /** The session is not ours any more: do not try to resume it. */
    void forget() {
        id = null;
        lastSeq = 0;
    }

    /** A new server session: its numbering starts afresh. */
    void restartSeq() {
        lastSeq = 0;
    }

    /** True when {@code seq} is new; false for a message already seen (a replayed duplicate). */
    boolean accept(long seq) {
        if (seq <= lastSeq) {
            return false;
        }
        lastSeq = seq;
        return true;
    }

    /** The session id, or null; readable from any thread. */
    String id() {
        return id;
    }

    long lastSeq() {
        return lastSeq;
    }
}
