package io.monorail.ws.load.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used so far, read from {@code /proc/<pid>/stat} (utime + stime, in clock
 * ticks; all threads of the process, no children).
 */
public record ProcStat(long utimeTicks, long stimeTicks) {

    /** utime + stime. */
    public long totalTicks() {
        return utimeTicks + stimeTicks;
    }

    /** The CPU used between {@code earlier} and this sample, in microseconds. */
    public double microsSince(ProcStat earlier, long ticksPerSecond) {
        return (totalTicks() - earlier.totalTicks()) * 1_000_000.0 / ticksPerSecond;
    }

    /** Reads the process's current sample. */
    public static ProcStat read(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/stat", e);
        }
    }

    /**
     * Parses one stat line. The command name (field 2) is in parentheses and may hold spaces and
     * parentheses itself, so fields are counted from the last ')'.
     */
    public static ProcStat parse(String statLine) {
        int close = statLine.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + statLine);
        }
        String[] fields = statLine.substring(close + 1).trim().split("\\s+");
        // fields[0] is field 3 (state); utime is field 14, stime field 15 (proc(5)).
        if (fields.length < 13) {
            throw new IllegalArgumentException("too few fields in /proc/<pid>/stat: " + statLine);
        }
        return new ProcStat(Long.parseLong(fields[11]), Long.parseLong(fields[12]));
    }
}
