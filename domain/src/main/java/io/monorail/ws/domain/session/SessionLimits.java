package io.monorail.ws.domain.session;

import java.time.Duration;
import java.util.Objects;

/**
 * How much the gateway keeps for clients that come back.
 *
 * @param replayMessages watch messages kept per session for replay
 * @param replayBytes their total size, in bytes of JSON
 * @param grace how long a session outlives its connection
 * @param maxDetachedSessions sessions kept without a connection; beyond, the oldest go first
 */
public record SessionLimits(
        int replayMessages, long replayBytes, Duration grace, int maxDetachedSessions) {
    public SessionLimits {
        Objects.requireNonNull(grace, "grace");
        if (replayMessages < 0
                || replayBytes < 0
                || maxDetachedSessions < 0
                || grace.isNegative()) {
            throw new IllegalArgumentException("session limits must not be negative");
        }
    }

    /** 10,000 messages or 8 MB per session, for two minutes, at most 1,000 detached sessions. */
    public static SessionLimits defaults() {
        return new SessionLimits(10_000, 8L * 1024 * 1024, Duration.ofMinutes(2), 1_000);
    }
}
