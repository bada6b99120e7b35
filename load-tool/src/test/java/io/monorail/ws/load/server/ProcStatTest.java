package io.monorail.ws.load.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatTest {
    // A real line of a JVM (fields 14 and 15: utime 1234, stime 567).
    private static final String JAVA =
            "2943 (java) S 1 2943 2943 0 -1 4194560 106016 0 0 0 1234 567 0 0 20 0 95 0 12345"
                    + " 6423273472 115043 18446744073709551615 1 1 0 0 0 0 0 4096 1260 0 0 0 17 1 0 0"
                    + " 0 0 0";

    @Test
    void utimeAndStime_areFields14And15() {
        ProcStat stat = ProcStat.parse(JAVA);

        assertThat(stat.utimeTicks()).isEqualTo(1234);
        assertThat(stat.stimeTicks()).isEqualTo(567);
        assertThat(stat.totalTicks()).isEqualTo(1801);
    }

    @Test
    void commandNamesWithSpacesAndParentheses_doNotShiftTheFields() {
        String line = JAVA.replace("(java)", "(we (ird) name) )");

        assertThat(ProcStat.parse(line)).isEqualTo(new ProcStat(1234, 567));
    }

    @Test
    void microsSince_convertsTicks() {
        ProcStat before = new ProcStat(100, 50);
        ProcStat after = new ProcStat(130, 70);

        assertThat(after.microsSince(before, 100)).isEqualTo(500_000.0);
    }

    @Test
    void thisProcess_canBeRead() {
        ProcStat stat = ProcStat.read(ProcessHandle.current().pid());

        assertThat(stat.totalTicks()).isNotNegative();
    }

    @Test
    void notAStatLine_isRejected() {
        assertThatThrownBy(() -> ProcStat.parse("no parentheses here"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcStat.parse("1 (x) S 1 2"))
                .hasMessageContaining("too few fields");
    }
}
