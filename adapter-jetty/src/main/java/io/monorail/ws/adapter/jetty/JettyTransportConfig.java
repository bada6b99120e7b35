package io.monorail.ws.adapter.jetty;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the WebSocket and HTTP transport, validated on construction.
 *
 * @param host the address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port the port to bind; 0 picks a free one (see {@link JettyWebSocketServer#port()})
 * @param maxFrameBytes the largest inbound text or binary message; a larger one is closed with 1009
 * @param pingInterval how often the server pings each client; keep it below {@code idleTimeout} so
 *     that a quiet but healthy client is not closed
 * @param idleTimeout how long a client may stay silent (no frame, no pong) before it is closed
 * @param maxOutgoingFrames how many frames may wait to be written to one client before it is closed
 *     with 1013 as too slow
 * @param maxOutgoingBytes how many bytes may wait to be written to one client before it is closed
 *     with 1013 as too slow (one frame larger than this still goes out when nothing waits)
 */
public record JettyTransportConfig(
        String host,
        int port,
        int maxFrameBytes,
        Duration pingInterval,
        Duration idleTimeout,
        int maxOutgoingFrames,
        long maxOutgoingBytes) {

    /** The protocol's default port. */
    public static final int DEFAULT_PORT = 9100;

    public static final int DEFAULT_MAX_FRAME_BYTES = 65_536;
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(25);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_OUTGOING_FRAMES = 1024;
    public static final long DEFAULT_MAX_OUTGOING_BYTES = 4L * 1024 * 1024;

    public JettyTransportConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in 0..65535, was " + port);
        }
        if (maxFrameBytes < 1) {
            throw new IllegalArgumentException(
                    "maxFrameBytes must be positive, was " + maxFrameBytes);
        }
        requirePositive("pingInterval", pingInterval);
        requirePositive("idleTimeout", idleTimeout);
        if (maxOutgoingFrames < 1) {
            throw new IllegalArgumentException(
                    "maxOutgoingFrames must be positive, was " + maxOutgoingFrames);
        }
        if (maxOutgoingBytes < 1) {
            throw new IllegalArgumentException(
                    "maxOutgoingBytes must be positive, was " + maxOutgoingBytes);
        }
    }

    /** These settings with the default bound on outgoing bytes. */
    public JettyTransportConfig(
            String host,
            int port,
            int maxFrameBytes,
            Duration pingInterval,
            Duration idleTimeout,
            int maxOutgoingFrames) {
        this(
                host,
                port,
                maxFrameBytes,
                pingInterval,
                idleTimeout,
                maxOutgoingFrames,
                DEFAULT_MAX_OUTGOING_BYTES);
    }

    /** Loopback on port 9100 with the default limits and timeouts. */
    public static JettyTransportConfig defaults() {
        return new JettyTransportConfig(
                "127.0.0.1",
                DEFAULT_PORT,
                DEFAULT_MAX_FRAME_BYTES,
                DEFAULT_PING_INTERVAL,
                DEFAULT_IDLE_TIMEOUT,
                DEFAULT_MAX_OUTGOING_FRAMES);
    }

    private static void requirePositive(String name, Duration value) {
        // Jetty and the scheduler work in milliseconds: less than one would mean "never".
        if (value.toMillis() < 1) {
            throw new IllegalArgumentException(name + " must be at least 1 ms, was " + value);
        }
    }
}
