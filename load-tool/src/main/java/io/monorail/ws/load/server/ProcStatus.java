package io.monorail.ws.load.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of a process, from {@code /proc/<pid>/status} (VmRSS). */
public final class ProcStatus {
    private ProcStatus() {}

    /** The process's resident set size in bytes. */
    public static long rssBytes(long pid) {
        try {
            return parseRssBytes(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/status", e);
        }
    }

    /** VmRSS of a status file's text, in bytes (the kernel writes it in kB). */
    public static long parseRssBytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024;
            }
        }
        throw new IllegalArgumentException("no VmRSS line in /proc/<pid>/status");
    }
}
