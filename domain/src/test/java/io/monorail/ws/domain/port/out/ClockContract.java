package io.monorail.ws.domain.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What every {@link Clock} does, checked against the manual fake and the system clock. */
public abstract class ClockContract {
    protected abstract Clock clock();

    /** Lets time pass by at least {@code millis}, however the clock measures it. */
    protected abstract void pass(long millis) throws Exception;

    @Test
    void timeNeverGoesBackwards() throws Exception {
        Clock clock = clock();
        long before = clock.millis();
        pass(5);

        assertThat(clock.millis()).isGreaterThanOrEqualTo(before + 5);
    }

    @Test
    void millisAreSinceTheEpoch() {
        // Any clock the gateway runs on tells a time after this code was written.
        assertThat(clock().millis()).isGreaterThan(1_700_000_000_000L);
    }
}
