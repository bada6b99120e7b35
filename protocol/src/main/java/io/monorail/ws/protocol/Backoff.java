package io.monorail.ws.protocol;

import java.time.Duration;

/**
 * Exponential backoff with jitter: attempt 1 waits about {@code initial}, each later attempt twice
 * as long, never more than {@code max}. Shared by everything that reconnects to something (the
 * gateway to its broker and change streams).
 */
public record Backoff(Duration initial, Duration max) {
    public Backoff {
        if (initial.isNegative() || max.isNegative()) {
            throw new IllegalArgumentException("backoff durations must not be negative");
        }
    }

    /**
     * The wait before retrying after {@code attempt} consecutive failures. Half of it is random
     * ({@code random} in [0, 1)) so that gateways restarted together do not reconnect in step.
     */
    public Duration delay(int attempt, double random) {
        long cap = max.toNanos();
        long base = Math.min(initial.toNanos(), cap);
        for (int i = 1; i < attempt && base < cap; i++) {
            base = Math.min(base * 2, cap);
        }
        long half = base / 2;
        return Duration.ofNanos(half + (long) (random * (base - half)));
    }
}
