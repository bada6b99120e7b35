package io.monorail.ws.domain.port;

import java.util.List;

/**
 * Outgoing port to one connected client. Implementations never block the caller: {@link #send}
 * queues the frame and returns.
 */
public interface ClientConnection {
    /** Where the client connects from, for logs and per-address limits. */
    String remoteAddress();

    /** Queues one text frame. Frames sent from one thread arrive in the order sent. */
    void send(String text);

    /**
     * Queues frames the client asked for all at once (the replay of a resume). They count against
     * the client's outgoing bounds only once they are out, so a resume may replay more than a live
     * burst may queue; what a replay can hold is bounded by the replay buffer.
     */
    default void sendReplay(List<String> frames) {
        frames.forEach(this::send);
    }

    /** Closes the connection with a WebSocket close code and a short reason. */
    void close(int code, String reason);
}
