package io.monorail.ws.load.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DetachedCostTest {
    @Test
    void theExtraCpuPerEvent_isSpreadOverTheDetachedSessions() {
        // 1,000 clients at 6 us each; 2,000 detached sessions add 1.2 us per delivery, so 1.2 ms
        // per event, 0.6 us per missed message: a tenth of a delivery.
        assertThat(DetachedCost.shareOfADelivery(6.0, 7.2, 1000, 2000))
                .isCloseTo(0.1, within(1e-9));
    }

    @Test
    void noExtraCpu_isNoCost_andLessIsNegative() {
        assertThat(DetachedCost.shareOfADelivery(6.0, 6.0, 1000, 1000)).isZero();
        assertThat(DetachedCost.shareOfADelivery(6.0, 5.4, 1000, 1000)).isNegative();
    }

    @Test
    void missingFigures_areRefused() {
        assertThatThrownBy(() -> DetachedCost.shareOfADelivery(0, 1, 1000, 1000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DetachedCost.shareOfADelivery(1, 1, 1000, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
