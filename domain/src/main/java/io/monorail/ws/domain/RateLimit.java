package io.monorail.ws.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * How many frames one connection may send: a token bucket refilled at {@code perSecond} holding at
 * most {@code burst}. Frames beyond it are refused with {@code rate_limited}; a client that has had
 * {@code maxRefused} frames refused within {@code abuseWindow} is closed with 1008.
 *
 * @param perSecond sustained frames per second; 0 turns rate limiting off
 * @param burst frames a quiet client may send at once
 * @param maxRefused refused frames tolerated within the window before the close
 * @param abuseWindow the window over which refused frames are counted
 */
public record RateLimit(int perSecond, int burst, int maxRefused, Duration abuseWindow) {
    /** The window over which refused frames count towards a close. */
    public static final Duration ABUSE_WINDOW = Duration.ofSeconds(5);

    public RateLimit {
        Objects.requireNonNull(abuseWindow, "abuseWindow");
        if (perSecond < 0) {
            throw new IllegalArgumentException("perSecond must not be negative");
        }
        if (perSecond > 0 && (burst < 1 || maxRefused < 1)) {
            throw new IllegalArgumentException("burst and maxRefused must be at least 1");
        }
        if (abuseWindow.toMillis() < 1) {
            throw new IllegalArgumentException("abuseWindow must be at least 1 ms");
        }
    }

    /**
     * {@code perSecond} with a burst of {@code burst}; as many refused frames as the per-second
     * rate (at least 10) within 5 s close the connection.
     */
    public static RateLimit of(int perSecond, int burst) {
        return new RateLimit(perSecond, burst, Math.max(10, perSecond), ABUSE_WINDOW);
    }

    /** 50 frames per second, bursts of 100. */
    public static RateLimit defaults() {
        return of(50, 100);
    }

    /** No limit. */
    public static RateLimit unlimited() {
        return new RateLimit(0, 0, 0, ABUSE_WINDOW);
    }

    public boolean enabled() {
        return perSecond > 0;
    }
}
