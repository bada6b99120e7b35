package io.monorail.ws.domain.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monorail.ws.domain.fake.ManualClock;
import io.monorail.ws.domain.port.out.BusEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventRingTest {
    private final ManualClock clock = new ManualClock(1_000);

    @Test
    void aRange_isEveryEventAfterOneOffsetUpToAnother_withTheStreamsHolesInOffsets() {
        EventRing ring = new EventRing(1_000_000, 60_000, clock::millis);
        for (long offset : new long[] {0, 1, 2, 4, 5, 9}) {
            ring.append(event(offset));
        }

        assertThat(offsets(ring.between(1, 5))).containsExactly(2L, 4L, 5L);
        assertThat(offsets(ring.between(-1, 9))).containsExactly(0L, 1L, 2L, 4L, 5L, 9L);
        assertThat(ring.between(5, 5)).contains(List.of());
        assertThat(ring.between(5, 10)).as("beyond what it read").isEmpty();
        assertThat(ring.newest()).isEqualTo(9);
    }

    @Test
    void whatItDroppedForSize_cannotBeReplayed_butWhatFollowsCan() {
        EventRing ring = new EventRing(30, 60_000, clock::millis); // three 10-byte bodies
        for (long offset = 0; offset < 5; offset++) {
            ring.append(event(offset));
        }

        assertThat(ring.size()).isEqualTo(3);
        assertThat(ring.between(0, 4)).as("offset 1 was dropped").isEmpty();
        assertThat(offsets(ring.between(1, 4))).containsExactly(2L, 3L, 4L);
    }

    @Test
    void whatGrewTooOld_isDropped() {
        EventRing ring = new EventRing(1_000_000, 60_000, clock::millis);
        ring.append(event(0));
        clock.advance(Duration.ofSeconds(61));
        ring.append(event(1));
        ring.expire();

        assertThat(ring.size()).isEqualTo(1);
        assertThat(ring.between(-1, 1)).isEmpty();
        assertThat(offsets(ring.between(0, 1))).containsExactly(1L);
    }

    @Test
    void afterALoss_nothingBeforeItCanBeReplayed() {
        EventRing ring = new EventRing(1_000_000, 60_000, clock::millis);
        ring.append(event(0));
        ring.append(event(1));
        ring.lost();
        ring.append(event(7));

        assertThat(ring.between(1, 7)).isEmpty();
        assertThat(ring.between(-1, 7)).isEmpty();
        assertThat(offsets(ring.between(6, 7))).containsExactly(7L);
    }

    @Test
    void anEventNotAfterTheNewest_isRefused() {
        EventRing ring = new EventRing(1_000_000, 60_000, clock::millis);
        ring.append(event(3));

        assertThatThrownBy(() -> ring.append(event(3)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static BusEvent event(long offset) {
        byte[] body = String.format("{\"n\":%04d}", offset).getBytes(StandardCharsets.UTF_8);
        return new BusEvent("on.test", "k." + offset, body, offset);
    }

    private static List<Long> offsets(Optional<List<BusEvent>> range) {
        assertThat(range).as("the ring holds the whole range").isPresent();
        return range.get().stream().map(BusEvent::offset).toList();
    }
}
