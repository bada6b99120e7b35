package io.monorail.ws.load.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianOfAnEvenCount_isTheMeanOfTheMiddleTwo() {
        assertThat(Stats.of(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(new Stats(2.5, 1.0, 4.0, 4));
    }

    @Test
    void medianOfAnOddCount_isTheMiddleValue() {
        assertThat(Stats.of(List.of(5.0, 1.0, 3.0)).median()).isEqualTo(3.0);
        assertThat(Stats.of(List.of())).isNull();
    }
}
