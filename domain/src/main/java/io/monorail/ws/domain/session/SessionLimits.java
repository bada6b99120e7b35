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
 * @param journalBytes the total size of the frames kept for resumes, for all sessions together
 */
public record SessionLimits(
        int replayMessages,
        long replayBytes,
        Duration grace,
        int maxDetachedSessions,
        long journalBytes) {
    /** 256 MB of frames kept for resumes, for all sessions together. */
    public static final long DEFAULT_JOURNAL_BYTES = 256L * 1024 * 1024;

    public SessionLimits {
        Objects.requireNonNull(grace, "grace");
        if (replayMessages < 0
                || replayBytes < 0
                || journalBytes < 0
                || maxDetachedSessions < 0
                || grace.isNegative()) {
            throw new IllegalArgumentException("session limits must not be negative");
        }
    }

    public SessionLimits(
            int replayMessages, long replayBytes, Duration grace, int maxDetachedSessions) {
        this(replayMessages, replayBytes, grace, maxDetachedSessions, DEFAULT_JOURNAL_BYTES);
    }

    /**
     * How long the journal keeps a frame: twice the grace period, so that a message sent shortly
     * before a connection was found dead is still there when its client comes back late in the
     * grace period.
     */
    public Duration journalAge() {
        return grace.multipliedBy(2);
    }

    /**
     * 10,000 messages or 8 MB per session, for two minutes, at most 1,000 detached sessions, 256 MB
     * of frames for all of them.
     */
    public static SessionLimits defaults() {
        return new SessionLimits(10_000, 8L * 1024 * 1024, Duration.ofMinutes(2), 1_000);
    }
}
