package io.monorail.ws.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.domain.RateLimiter.Decision;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    @Test
    void burstIsAccepted_thenFramesAreRefused_untilTimeRefills() {
        RateLimiter limiter = new RateLimiter(new RateLimit(10, 3, 100, Duration.ofSeconds(5)), 0);

        assertThat(limiter.next(0)).isEqualTo(Decision.ACCEPT);
        assertThat(limiter.next(0)).isEqualTo(Decision.ACCEPT);
        assertThat(limiter.next(0)).isEqualTo(Decision.ACCEPT);
        assertThat(limiter.next(0)).isEqualTo(Decision.REFUSE);
        assertThat(limiter.next(50)).isEqualTo(Decision.REFUSE);
        assertThat(limiter.next(100)).as("one frame per 100 ms").isEqualTo(Decision.ACCEPT);
        assertThat(limiter.next(100)).isEqualTo(Decision.REFUSE);
    }

    @Test
    void aQuietClient_getsItsWholeBurstBack_butNoMore() {
        RateLimiter limiter = new RateLimiter(new RateLimit(10, 2, 100, Duration.ofSeconds(5)), 0);
        limiter.next(0);
        limiter.next(0);

        long later = 60_000;
        assertThat(limiter.next(later)).isEqualTo(Decision.ACCEPT);
        assertThat(limiter.next(later)).isEqualTo(Decision.ACCEPT);
        assertThat(limiter.next(later)).isEqualTo(Decision.REFUSE);
    }

    @Test
    void tooManyRefusalsWithinTheWindow_close() {
        RateLimiter limiter = new RateLimiter(new RateLimit(1, 1, 3, Duration.ofSeconds(5)), 0);
        limiter.next(0);

        assertThat(limiter.next(0)).isEqualTo(Decision.REFUSE);
        assertThat(limiter.next(0)).isEqualTo(Decision.REFUSE);
        assertThat(limiter.next(0)).isEqualTo(Decision.CLOSE);
    }

    @Test
    void refusalsSpreadOverWindows_doNotClose() {
        RateLimiter limiter = new RateLimiter(new RateLimit(1, 1, 3, Duration.ofSeconds(5)), 0);
        limiter.next(0);
        long now = 0;
        for (int window = 0; window < 5; window++) {
            assertThat(limiter.next(now)).isEqualTo(Decision.REFUSE);
            assertThat(limiter.next(now)).isEqualTo(Decision.REFUSE);
            now += 5_000;
            assertThat(limiter.next(now)).as("refilled").isEqualTo(Decision.ACCEPT);
        }
    }

    @Test
    void unlimited_acceptsEverything() {
        RateLimiter limiter = new RateLimiter(RateLimit.unlimited(), 0);

        for (int i = 0; i < 10_000; i++) {
            assertThat(limiter.next(0)).isEqualTo(Decision.ACCEPT);
        }
    }
}
