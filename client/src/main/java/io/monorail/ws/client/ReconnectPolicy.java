package io.monorail.ws.client;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When a client tries again after its connection failed or dropped: exponential backoff with full
 * jitter, or never. Immutable.
 *
 * <p>Attempt {@code n} (0-based, counted since the last successful open) waits a uniformly random
 * time in {@code [0, min(maxDelay, initialDelay * 2^n)]}. Full jitter spreads the reconnects of
 * many clients dropped at once (a gateway restart) instead of having them return in waves.
 */
public final class ReconnectPolicy {
    /** First ceiling of the default policy. */
    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofMillis(250);

    /** Largest ceiling of the default policy. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);

    private static final ReconnectPolicy NONE =
            new ReconnectPolicy(false, Duration.ZERO, Duration.ZERO);
    private static final ReconnectPolicy DEFAULT =
            new ReconnectPolicy(true, DEFAULT_INITIAL_DELAY, DEFAULT_MAX_DELAY);

    private final boolean enabled;
    private final Duration initialDelay;
    private final Duration maxDelay;

    private ReconnectPolicy(boolean enabled, Duration initialDelay, Duration maxDelay) {
        this.enabled = enabled;
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
    }

    /** Exponential backoff from 250 ms up to 30 s, with full jitter: the client's default. */
    public static ReconnectPolicy exponentialBackoff() {
        return DEFAULT;
    }

    /**
     * Exponential backoff with full jitter between the given bounds.
     *
     * @throws IllegalArgumentException when {@code initialDelay} is not positive or {@code
     *     maxDelay} is below it
     */
    public static ReconnectPolicy exponentialBackoff(Duration initialDelay, Duration maxDelay) {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException(
                    "initialDelay must be positive, was " + initialDelay);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException(
                    "maxDelay " + maxDelay + " is below initialDelay " + initialDelay);
        }
        return new ReconnectPolicy(true, initialDelay, maxDelay);
    }

    /** Never reconnect: a failed or dropped connection stays down until {@code connect()}. */
    public static ReconnectPolicy none() {
        return NONE;
    }

    public boolean enabled() {
        return enabled;
    }

    public Duration initialDelay() {
        return initialDelay;
    }

    public Duration maxDelay() {
        return maxDelay;
    }

    /**
     * The upper bound of the wait before attempt {@code attempt}: {@code min(maxDelay, initialDelay
     * * 2^attempt)}; zero when reconnecting is disabled.
     */
    public Duration ceiling(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must not be negative, was " + attempt);
        }
        if (!enabled) {
            return Duration.ZERO;
        }
        long initial = initialDelay.toNanos();
        long max = maxDelay.toNanos();
        // Doubling past max (or past Long.MAX_VALUE) is just max.
        if (attempt >= 62 || initial > (max >> attempt)) {
            return maxDelay;
        }
        return Duration.ofNanos(initial << attempt);
    }

    /** A random wait before attempt {@code attempt}, uniform in {@code [0, ceiling(attempt)]}. */
    public Duration delay(int attempt, RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        long ceiling = ceiling(attempt).toNanos();
        return ceiling == 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(ceiling + 1));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReconnectPolicy that
                && enabled == that.enabled
                && initialDelay.equals(that.initialDelay)
                && maxDelay.equals(that.maxDelay);
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, initialDelay, maxDelay);
    }

    @Override
    public String toString() {
        return enabled
                ? "ReconnectPolicy[exponential backoff " + initialDelay + ".." + maxDelay + "]"
                : "ReconnectPolicy[none]";
    }
}
