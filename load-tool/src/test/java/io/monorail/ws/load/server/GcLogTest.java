package io.monorail.ws.load.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GcLogTest {

    @Test
    void g1Pauses_areCountedAndPhasesAndConcurrentCyclesAreNot() {
        List<GcPause> pauses =
                GcLog.parse(
                        List.of(
                                "[1796181665082ms][info][gc] Using G1",
                                "[1796181666489ms][info][gc,phases] GC(0)   Evacuate Collection Set: 48.0ms",
                                "[1796181666489ms][info][gc       ] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 19M->6M(388M) 56.381ms",
                                "[1796181667548ms][info][gc       ] GC(2) Pause Full (Diagnostic Command) 17M->9M(56M) 34.666ms",
                                "[1796181670277ms][info][gc       ] GC(6) Concurrent Mark Cycle",
                                "[1796181670290ms][info][gc       ] GC(6) Pause Remark 30M->30M(56M) 1.234ms",
                                "[1796181670390ms][info][gc       ] GC(6) Concurrent Mark Cycle 113.040ms"));

        assertThat(pauses)
                .containsExactly(
                        new GcPause(
                                1796181666489L,
                                56.381,
                                "Pause Young (Normal) (G1 Evacuation Pause) 19M->6M(388M)"),
                        new GcPause(
                                1796181667548L,
                                34.666,
                                "Pause Full (Diagnostic Command) 17M->9M(56M)"),
                        new GcPause(1796181670290L, 1.234, "Pause Remark 30M->30M(56M)"));
    }

    @Test
    void zgcAndShenandoahPauses_areCounted() {
        List<GcPause> pauses =
                GcLog.parse(
                        List.of(
                                "[1796182127574ms][info][gc,phases] GC(0) Pause Mark Start 0.017ms",
                                "[1796182127593ms][info][gc,phases] GC(0) Concurrent Mark 18.090ms",
                                "[1796182127593ms][info][gc,phases] GC(0) Pause Mark End 0.019ms",
                                "[1796182130635ms][info][gc] GC(0) Pause Init Mark (unload classes) 0.064ms"));

        assertThat(pauses).extracting(GcPause::millis).containsExactly(0.017, 0.019, 0.064);
    }

    @Test
    void within_keepsPausesThatEndedInTheWindow() {
        List<GcPause> pauses =
                List.of(
                        new GcPause(100, 1, "a"),
                        new GcPause(200, 2, "b"),
                        new GcPause(300, 3, "c"));

        assertThat(GcLog.within(pauses, 200, 300))
                .extracting(GcPause::description)
                .containsExactly("b", "c");
    }

    @Test
    void jvmOption_writesWallClockMillis() {
        assertThat(GcLog.jvmOption(java.nio.file.Path.of("/tmp/x-gc.log")))
                .isEqualTo("-Xlog:gc,gc+phases=info:file=/tmp/x-gc.log:timemillis,level,tags");
    }
}
