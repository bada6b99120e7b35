package io.monorail.ws.load.server;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Used heap from the text of {@code jcmd <pid> GC.heap_info}: the sum of "used" over the top-level
 * heap lines (G1 "garbage-first heap", ZGC "ZHeap", Parallel's young and old generations,
 * Shenandoah's "19272K used" after the size, ...), stopping at Metaspace, which is not heap.
 */
public final class HeapInfo {
    private static final Pattern USED = Pattern.compile("\\bused (\\d+)([KMG])\\b");
    // Shenandoah puts the figure first: " 6028M max, 6028M soft max, 22528K committed, 19272K used"
    private static final Pattern FIGURE_USED = Pattern.compile("\\b(\\d+)([KMG]) used\\b");

    private HeapInfo() {}

    /** Bytes of heap in use. */
    public static long usedBytes(String heapInfo) {
        long used = 0;
        boolean found = false;
        for (String line : heapInfo.split("\n")) {
            if (line.trim().startsWith("Metaspace")) {
                break;
            }
            // Top-level lines start with exactly one space; nested ones (regions, spaces) with
            // more.
            if (!line.startsWith(" ") || line.startsWith("  ")) {
                continue;
            }
            Matcher m = USED.matcher(line);
            if (!m.find()) {
                m = FIGURE_USED.matcher(line);
            }
            if (m.find(0)) {
                used += Long.parseLong(m.group(1)) * unit(m.group(2));
                found = true;
            }
        }
        if (!found) {
            throw new IllegalArgumentException(
                    "no heap usage in GC.heap_info output:\n" + heapInfo);
        }
        return used;
    }

    private static long unit(String suffix) {
        return switch (suffix) {
            case "K" -> 1024L;
            case "M" -> 1024L * 1024;
            default -> 1024L * 1024 * 1024;
        };
    }
}
