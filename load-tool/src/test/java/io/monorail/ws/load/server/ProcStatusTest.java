package io.monorail.ws.load.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatusTest {

    @Test
    void vmRss_isReadInKilobytes() {
        String status = "Name:\tbeam.smp\nVmPeak:\t 5000 kB\nVmRSS:\t  123456 kB\nThreads:\t40\n";

        assertThat(ProcStatus.parseRssBytes(status)).isEqualTo(123456L * 1024);
    }

    @Test
    void openFileLimit_isTheSoftValue() {
        String limits =
                "Limit                     Soft Limit           Hard Limit           Units     \n"
                        + "Max processes             95000                95000                processes \n"
                        + "Max open files            1024                 20000                files     \n";

        assertThat(ProcLimits.parseOpenFiles(limits)).hasValue(1024);
        assertThat(ProcLimits.parseOpenFiles("Max open files  unlimited unlimited files"))
                .isEmpty();
    }
}
