package io.monorail.ws.domain;

/**
 * Decides, frame by frame, whether one connection is within its {@link RateLimit}. Not thread-safe:
 * a connection's frames arrive one at a time.
 */
final class RateLimiter {
    /** What to do with a frame. */
    enum Decision {
        /** Within the rate: handle it. */
        ACCEPT,
        /** Over the rate: answer {@code rate_limited}, do not handle it. */
        REFUSE,
        /** Over the rate for too long: close the connection. */
        CLOSE
    }

    private final RateLimit limit;
    private double tokens;
    private long lastMillis;
    private long windowStart = -1;
    private int refusedInWindow;

    RateLimiter(RateLimit limit, long nowMillis) {
        this.limit = limit;
        this.tokens = limit.burst();
        this.lastMillis = nowMillis;
    }

    Decision next(long nowMillis) {
        if (!limit.enabled()) {
            return Decision.ACCEPT;
        }
        long elapsed = Math.max(0, nowMillis - lastMillis);
        lastMillis = Math.max(lastMillis, nowMillis);
        tokens = Math.min(limit.burst(), tokens + elapsed * limit.perSecond() / 1000.0);
        if (tokens >= 1) {
            tokens -= 1;
            return Decision.ACCEPT;
        }
        if (windowStart < 0 || nowMillis - windowStart >= limit.abuseWindow().toMillis()) {
            windowStart = nowMillis;
            refusedInWindow = 0;
        }
        refusedInWindow++;
        return refusedInWindow >= limit.maxRefused() ? Decision.CLOSE : Decision.REFUSE;
    }
}
