package io.monorail.ws.client;

/** Where a {@link MonorailClient}'s connection stands. */
public enum ConnectionState {
    /** Not connected and not trying: never connected, after {@code disconnect()}, or given up. */
    DISCONNECTED,
    /** Opening a connection, or waiting (backoff) before the next attempt. */
    CONNECTING,
    /** The WebSocket is open; the session handshake is still under way. */
    OPEN,
    /** Open and usable: session established, watches in place, queued requests sent. */
    READY,
    /** {@code close()} was called; the client cannot be used again. */
    CLOSED
}
