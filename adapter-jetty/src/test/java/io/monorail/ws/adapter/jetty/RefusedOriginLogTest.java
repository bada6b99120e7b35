package io.monorail.ws.adapter.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RefusedOriginLogTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<String> warnings = new ArrayList<>();
    private final RefusedOriginLog log =
            new RefusedOriginLog("same origin", now::get, warnings::add);

    @Test
    void refusedOrigin_isLoggedOnce_withTheVariableThatAllowsIt() {
        log.refused("http://rackhd-ui:3000", "10.0.0.7");
        log.refused("http://rackhd-ui:3000", "10.0.0.7");
        log.refused("http://rackhd-ui:3000", "10.0.0.8");

        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0))
                .contains("'http://rackhd-ui:3000'")
                .contains("10.0.0.7")
                .contains("allowed: same origin")
                .contains("MONORAIL_ALLOWED_ORIGINS=http://rackhd-ui:3000");
    }

    @Test
    void sameOrigin_isLoggedAgain_afterTheRepeatInterval() {
        log.refused("http://ui:8080", "a");
        now.addAndGet(RefusedOriginLog.REPEAT_MILLIS - 1);
        log.refused("http://ui:8080", "a");
        now.addAndGet(1);
        log.refused("http://ui:8080", "a");

        assertThat(warnings).hasSize(2);
    }

    @Test
    void manyDistinctOrigins_areCappedPerMinute_andTheSkippedOnesCounted() {
        for (int i = 0; i < RefusedOriginLog.BURST + 5; i++) {
            log.refused("http://forged-" + i + ".example", "a");
        }
        assertThat(warnings).hasSize(RefusedOriginLog.BURST);

        now.addAndGet(60_000);
        log.refused("http://next.example", "a");

        assertThat(warnings).hasSize(RefusedOriginLog.BURST + 1);
        assertThat(warnings.get(RefusedOriginLog.BURST))
                .contains("5 other refusals were not logged");
    }

    @Test
    void controlCharactersAndLongOrigins_cannotForgeLogLines() {
        log.refused("http://evil\r\nINFO fake line" + "x".repeat(500), "a");

        assertThat(warnings.get(0)).doesNotContain("\r").doesNotContain("\n").contains("...");
        assertThat(warnings.get(0).length()).isLessThan(600);
    }
}
