package io.monorail.ws.load.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** A process's open-file limit, from {@code /proc/<pid>/limits}: each connection holds one. */
public final class ProcLimits {
    private ProcLimits() {}

    /** The soft limit on open files, if readable and not unlimited. */
    public static OptionalLong openFiles(long pid) {
        try {
            return parseOpenFiles(Files.readString(Path.of("/proc", Long.toString(pid), "limits")));
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** The soft "Max open files" of a limits file's text. */
    public static OptionalLong parseOpenFiles(String limits) {
        for (String line : limits.split("\n")) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited")
                        ? OptionalLong.empty()
                        : OptionalLong.of(Long.parseLong(soft));
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Fails with a message saying what to run when {@code pid} cannot hold {@code connections} more
     * sockets; {@code remedy} is that advice (null: raise the running process's limit).
     */
    public static void requireRoomFor(long pid, String what, int connections, String remedy) {
        OptionalLong limit = openFiles(pid);
        long needed = connections + 200L;
        if (limit.isPresent() && limit.getAsLong() < needed) {
            String raise =
                    remedy != null
                            ? remedy
                            : pid == ProcessHandle.current().pid()
                                    ? "run the tool from a shell after: ulimit -n " + needed
                                    : "prlimit --pid " + pid + " --nofile=" + needed + ":" + needed;
            throw new UserError(
                    what
                            + " (pid "
                            + pid
                            + ") may open only "
                            + limit.getAsLong()
                            + " files, too few for "
                            + connections
                            + " connections. Raise the limit:\n  "
                            + raise);
        }
    }
}
