package io.monorail.ws.domain.port;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Outgoing port to one connected client. Implementations never block the caller: sending queues the
 * frame and returns. Frames handed over from one thread arrive in the order handed over.
 *
 * <p>Watch messages go out in bursts: {@link #queue} gathers them and {@link #flush} writes what
 * was gathered, so a burst of events costs one write per connection, not one per frame. Everything
 * else ({@link #send}, {@link #sendReplay}, {@link #close}) goes out at once, after what was queued
 * before it.
 */
public interface ClientConnection {
    /** Where the client connects from, for logs and per-address limits. */
    String remoteAddress();

    /** Sends one text frame (an answer, a notice) now. */
    void send(String text);

    /**
     * Queues one watch message, UTF-8 JSON text, written at the latest by the next {@link #flush}.
     * Counts against the client's outgoing bounds like {@link #send}. The array is the connection's
     * from now on.
     */
    default void queue(byte[] utf8Text) {
        send(new String(utf8Text, StandardCharsets.UTF_8));
    }

    /** Writes what {@link #queue} gathered. */
    default void flush() {}

    /**
     * Writes one watch message now, with whatever was queued before it: the same as {@link #queue}
     * then {@link #flush}, in one step.
     */
    default void queueAndFlush(byte[] utf8Text) {
        queue(utf8Text);
        flush();
    }

    /**
     * Sends frames the client asked for all at once (the replay of a resume), UTF-8 JSON text. They
     * count against the client's outgoing bounds only once they are out, so a resume may replay
     * more than a live burst may queue; what a replay can hold is bounded by the replay buffer.
     */
    default void sendReplay(List<byte[]> utf8Frames) {
        utf8Frames.forEach(this::queue);
        flush();
    }

    /** Closes the connection with a WebSocket close code and a short reason. */
    void close(int code, String reason);
}
