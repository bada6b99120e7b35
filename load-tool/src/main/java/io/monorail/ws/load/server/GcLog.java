package io.monorail.ws.load.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pauses in a unified GC log written with {@link #jvmOption}: lines such as {@code
 * [1764500000123ms][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 24M->4M(256M)
 * 3.456ms} (G1, Parallel, Serial, Shenandoah) or {@code [..][info][gc,phases] GC(3) Pause Mark
 * Start 0.012ms} (ZGC). Concurrent phases are not pauses and are not counted.
 */
public final class GcLog {
    private static final Pattern PAUSE =
            Pattern.compile(
                    "^\\[(\\d+)ms\\].*?\\bGC\\(\\d+\\) (Pause [^\\n]*?) ?(\\d+(?:\\.\\d+)?)ms\\s*$");

    private GcLog() {}

    /** The JVM option that makes a server write the log this class reads. */
    public static String jvmOption(Path file) {
        return "-Xlog:gc,gc+phases=info:file=" + file + ":timemillis,level,tags";
    }

    /** Every pause in the file (none if the file does not exist yet). */
    public static List<GcPause> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return parse(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read GC log " + file, e);
        }
    }

    /** Every pause among these log lines. */
    public static List<GcPause> parse(List<String> lines) {
        List<GcPause> pauses = new ArrayList<>();
        for (String line : lines) {
            Matcher m = PAUSE.matcher(line);
            if (m.matches()) {
                pauses.add(
                        new GcPause(
                                Long.parseLong(m.group(1)),
                                Double.parseDouble(m.group(3)),
                                m.group(2).trim()));
            }
        }
        return pauses;
    }

    /** The pauses that ended within [fromMillis, toMillis]. */
    public static List<GcPause> within(List<GcPause> pauses, long fromMillis, long toMillis) {
        return pauses.stream()
                .filter(p -> p.epochMillis() >= fromMillis && p.epochMillis() <= toMillis)
                .toList();
    }
}
