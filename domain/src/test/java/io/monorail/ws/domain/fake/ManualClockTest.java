package io.monorail.ws.domain.fake;

import io.monorail.ws.domain.port.out.Clock;
import io.monorail.ws.domain.port.out.ClockContract;
import java.time.Duration;

class ManualClockTest extends ClockContract {
    private final ManualClock clock = new ManualClock(1_800_000_000_000L);

    @Override
    protected Clock clock() {
        return clock;
    }

    @Override
    protected void pass(long millis) {
        clock.advance(Duration.ofMillis(millis));
    }
}
