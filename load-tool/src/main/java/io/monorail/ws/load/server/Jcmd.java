package io.monorail.ws.load.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs {@code jcmd} against a JVM of this machine (the JDK's, next to the running java). */
public final class Jcmd {
    private Jcmd() {}

    /** Heap in use right after a full collection ({@code GC.run}, then {@code GC.heap_info}). */
    public static long heapAfterFullGc(long pid) {
        run(pid, "GC.run");
        return HeapInfo.usedBytes(run(pid, "GC.heap_info"));
    }

    /** The command's output; fails if jcmd fails. */
    public static String run(long pid, String command) {
        try {
            Process jcmd =
                    new ProcessBuilder(executable(), Long.toString(pid), command)
                            .redirectErrorStream(true)
                            .start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + pid + " " + command + " failed:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run jcmd", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String executable() {
        Path beside = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        return Files.isExecutable(beside) ? beside.toString() : "jcmd";
    }
}
