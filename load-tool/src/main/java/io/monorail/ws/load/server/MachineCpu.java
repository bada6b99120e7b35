package io.monorail.ws.load.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Busy CPU time of the whole machine so far, from the first line of {@code /proc/stat} (user, nice,
 * system, irq, softirq, steal; in clock ticks). Used to tell how much of a window went to processes
 * that are neither the server, the broker nor the load generator.
 */
public final class MachineCpu {
    private MachineCpu() {}

    /** Busy ticks of all CPUs so far. */
    public static long busyTicks() {
        try {
            return parseBusyTicks(Files.readString(Path.of("/proc/stat")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/stat", e);
        }
    }

    /** Busy ticks from the text of /proc/stat. */
    public static long parseBusyTicks(String stat) {
        String first =
                stat.substring(0, stat.indexOf('\n') < 0 ? stat.length() : stat.indexOf('\n'));
        String[] f = first.trim().split("\\s+");
        if (!f[0].equals("cpu") || f.length < 8) {
            throw new IllegalArgumentException("not /proc/stat: " + first);
        }
        long busy = 0;
        // f[1] user, f[2] nice, f[3] system, f[4] idle, f[5] iowait, f[6] irq, f[7] softirq, f[8]
        // steal
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
            if (i < f.length) {
                busy += Long.parseLong(f[i]);
            }
        }
        return busy;
    }
}
