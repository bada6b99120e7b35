package io.monorail.ws.load.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MachineCpuTest {

    @Test
    void busyTicks_leaveOutIdleAndIowait() {
        String stat =
                "cpu  100 20 30 5000 70 4 6 8 0 0\n"
                        + "cpu0 50 10 15 2500 35 2 3 4 0 0\n"
                        + "intr 12345\n";

        assertThat(MachineCpu.parseBusyTicks(stat)).isEqualTo(100 + 20 + 30 + 4 + 6 + 8);
    }

    @Test
    void thisMachine_canBeRead() {
        assertThat(MachineCpu.busyTicks()).isPositive();
    }
}
