package io.monorail.ws.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Exponential backoff with full jitter: bounds, spread, reset. */
class ReconnectPolicyTest {
    private static final Duration MS_100 = Duration.ofMillis(100);
    private static final Duration S_1 = Duration.ofSeconds(1);

    @Test
    void defaults_are250msUpTo30s() {
        ReconnectPolicy policy = ReconnectPolicy.exponentialBackoff();

        assertThat(policy.enabled()).isTrue();
        assertThat(policy.ceiling(0)).isEqualTo(Duration.ofMillis(250));
        assertThat(policy.ceiling(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.ceiling(7)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void ceilings_doubleUpToTheMaximum_withoutOverflowing() {
        ReconnectPolicy policy = ReconnectPolicy.exponentialBackoff(MS_100, S_1);

        assertThat(policy.ceiling(0)).isEqualTo(MS_100);
        assertThat(policy.ceiling(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.ceiling(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.ceiling(4)).isEqualTo(S_1);
        assertThat(policy.ceiling(63)).isEqualTo(S_1);
        assertThat(policy.ceiling(Integer.MAX_VALUE)).isEqualTo(S_1);
    }

    @Test
    void delays_areSpreadOverTheWholeRangeFromZeroToTheCeiling() {
        ReconnectPolicy policy = ReconnectPolicy.exponentialBackoff(MS_100, S_1);
        SplittableRandom random = new SplittableRandom(42);

        for (int attempt = 0; attempt < 8; attempt++) {
            Duration ceiling = policy.ceiling(attempt);
            List<Duration> delays = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                delays.add(policy.delay(attempt, random));
            }
            assertThat(delays).allMatch(d -> !d.isNegative() && d.compareTo(ceiling) <= 0);
            // Full jitter: both ends of the range are used, not just the top.
            assertThat(delays)
                    .anyMatch(d -> d.compareTo(ceiling.multipliedBy(1).dividedBy(10)) < 0);
            assertThat(delays)
                    .anyMatch(d -> d.compareTo(ceiling.multipliedBy(9).dividedBy(10)) > 0);
        }
    }

    @Test
    void backoff_growsPerAttempt_andResetsAfterASuccess() {
        ReconnectPolicy policy = ReconnectPolicy.exponentialBackoff(MS_100, S_1);
        Backoff backoff = new Backoff(policy, new SplittableRandom(7));

        for (int attempt = 0; attempt < 6; attempt++) {
            Duration ceiling = policy.ceiling(attempt);
            assertThat(backoff.next()).get().matches(d -> d.compareTo(ceiling) <= 0);
        }
        assertThat(backoff.attempts()).isEqualTo(6);

        backoff.reset();

        assertThat(backoff.attempts()).isZero();
        for (int i = 0; i < 100; i++) {
            backoff.reset();
            assertThat(backoff.next()).get().matches(d -> d.compareTo(MS_100) <= 0);
        }
    }

    @Test
    void none_neverReconnects() {
        Backoff backoff = new Backoff(ReconnectPolicy.none(), new SplittableRandom(1));

        assertThat(backoff.next()).isEmpty();
        assertThat(ReconnectPolicy.none().enabled()).isFalse();
    }

    @Test
    void invalidBounds_areRejected() {
        assertThatThrownBy(() -> ReconnectPolicy.exponentialBackoff(Duration.ZERO, S_1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReconnectPolicy.exponentialBackoff(S_1, MS_100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReconnectPolicy.exponentialBackoff().ceiling(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
