package io.monorail.ws.domain.port.out;

/**
 * Outgoing port to one connected client. Implementations never block the caller: {@link #send}
 * queues the frame and returns.
 */
public interface ClientConnection {
    /** Where the client connects from, for logs and per-address limits. */
    String remoteAddress();

    /** Queues one text frame. Frames sent from one thread arrive in the order sent. */
    void send(String text);

    /** Closes the connection with a WebSocket close code and a short reason. */
    void close(int code, String reason);
}
