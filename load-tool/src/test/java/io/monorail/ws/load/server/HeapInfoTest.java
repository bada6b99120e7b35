package io.monorail.ws.load.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HeapInfoTest {

    @Test
    void g1_heapLineOnly() {
        String out =
                "9034:\n"
                        + " garbage-first heap   total 397312K, used 17946K [0x0000000687400000, 0x0000000800000000)\n"
                        + "  region size 4096K, 4 young (16384K), 0 survivors (0K)\n"
                        + " Metaspace       used 8937K, committed 9088K, reserved 1114112K\n"
                        + "  class space    used 1062K, committed 1152K, reserved 1048576K\n";

        assertThat(HeapInfo.usedBytes(out)).isEqualTo(17946L * 1024);
    }

    @Test
    void zgc_inMegabytes() {
        String out =
                "9075:\n"
                        + " ZHeap           used 50M, capacity 378M, max capacity 6028M\n"
                        + " Metaspace       used 8939K, committed 9088K, reserved 1114112K\n";

        assertThat(HeapInfo.usedBytes(out)).isEqualTo(50L * 1024 * 1024);
    }

    @Test
    void parallel_sumsYoungAndOldButNotTheirSpaces() {
        String out =
                "9120:\n"
                        + " PSYoungGen      total 113152K, used 19458K [0x0000000782700000, 0x000000078a500000, 0x0000000800000000)\n"
                        + "  eden space 97280K, 20% used [0x0000000782700000,0x0000000783a00be0,0x0000000788600000)\n"
                        + "  from space 15872K, 0% used [0x0000000789580000,0x0000000789580000,0x000000078a500000)\n"
                        + " ParOldGen       total 258048K, used 100K [0x0000000687400000, 0x0000000697000000, 0x0000000782700000)\n"
                        + "  object space 258048K, 0% used [0x0000000687400000,0x0000000687400000,0x0000000697000000)\n"
                        + " Metaspace       used 8952K, committed 9088K, reserved 1114112K\n";

        assertThat(HeapInfo.usedBytes(out)).isEqualTo((19458L + 100) * 1024);
    }

    @Test
    void shenandoah_figureBeforeUsed() {
        String out =
                "27780:\n"
                        + "Shenandoah Heap\n"
                        + " 6028M max, 6028M soft max, 22528K committed, 19272K used\n"
                        + " 3014 x 2048K regions\n"
                        + "Status: not cancelled\n"
                        + " Metaspace       used 30377K, committed 30848K, reserved 1114112K\n";
        assertThat(HeapInfo.usedBytes(out)).isEqualTo(19272L * 1024);
    }

    @Test
    void noHeapLine_isAnError() {
        assertThatThrownBy(() -> HeapInfo.usedBytes("1234:\nUnknown diagnostic command\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
