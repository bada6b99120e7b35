package io.monorail.ws.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

    @Test
    void delay_doublesWithEachAttempt_betweenHalfAndAll() {
        assertThat(backoff.delay(1, 0.0)).isEqualTo(Duration.ofMillis(50));
        assertThat(backoff.delay(1, 0.999))
                .isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
        assertThat(backoff.delay(2, 0.0)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.delay(3, 0.0)).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void delay_isCappedAtTheMaximum() {
        assertThat(backoff.delay(5, 0.999)).isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(1_000_000, 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delay(1_000_000, 0.999)).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }
}
