package io.monorail.ws.client;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** The reconnect attempts of one client under a {@link ReconnectPolicy}. Confined to one thread. */
final class Backoff {
    private final ReconnectPolicy policy;
    private final RandomGenerator random;
    private int attempt;

    Backoff(ReconnectPolicy policy, RandomGenerator random) {
        this.policy = policy;
        this.random = random;
    }

    /** The wait before the next attempt, or empty when the policy does not reconnect. */
    Optional<Duration> next() {
        if (!policy.enabled()) {
            return Optional.empty();
        }
        Duration delay = policy.delay(attempt, random);
        if (attempt < Integer.MAX_VALUE) {
            attempt++;
        }
        return Optional.of(delay);
    }

    /** A connection opened: the next failure starts again from the initial delay. */
    void reset() {
        attempt = 0;
    }

    int attempts() {
        return attempt;
    }
}
