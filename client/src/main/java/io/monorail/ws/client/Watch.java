package io.monorail.ws.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A watch set up with {@link MonorailClient#watch(String, JsonNode, WatchListener)}; its events go
 * to its {@link WatchListener} until it is closed, ended by an {@code error}, or the client is
 * closed. The client keeps it alive across reconnects.
 */
public interface Watch extends AutoCloseable {
    /** The watched resource. */
    String type();

    /** The filter, or {@code null} for everything of {@link #type()}. A copy. */
    JsonNode params();

    /**
     * False once closed, ended by the server ({@code error}), by a raw {@code stop}, or by close.
     */
    boolean isActive();

    /**
     * Stops the watch: the listener gets no further events (one already being delivered may
     * finish), and the server is sent {@code stop} unless another watch of the same type and params
     * is still open. Idempotent; returns immediately.
     */
    @Override
    void close();
}
