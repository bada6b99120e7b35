package io.monorail.ws.adapter.mongodb;

import java.time.Duration;

/**
 * Exponential backoff with jitter for reopening change streams: attempt 1 waits about {@code
 * initial}, each later attempt twice as long, never more than {@code max}.
 */
record RetryBackoff(Duration initial, Duration max) {

    /** Starts at the configured backoff; the cap is 30 s, or the backoff itself if longer. */
    static RetryBackoff of(ChangeStreamConfig config) {
        Duration initial = config.retryBackoff();
        Duration cap = ChangeStreamConfig.MAX_RETRY_BACKOFF;
        return new RetryBackoff(initial, initial.compareTo(cap) > 0 ? initial : cap);
    }

    /**
     * The wait before retrying after {@code attempt} consecutive failures. Half of it is random
     * ({@code random} in [0, 1)) so that gateways restarted together do not reconnect in step.
     */
    Duration delay(int attempt, double random) {
        long cap = max.toNanos();
        long base = Math.min(initial.toNanos(), cap);
        for (int i = 1; i < attempt && base < cap; i++) {
            base = Math.min(base * 2, cap);
        }
        long half = base / 2;
        return Duration.ofNanos(half + (long) (random * (base - half)));
    }
}
