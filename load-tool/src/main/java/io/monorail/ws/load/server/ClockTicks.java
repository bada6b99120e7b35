package io.monorail.ws.load.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The kernel's clock ticks per second ({@code getconf CLK_TCK}), the unit of /proc CPU times. */
public final class ClockTicks {
    private static final long USUAL = 100;

    private ClockTicks() {}

    /** CLK_TCK, or 100 (Linux's value on every common architecture) if getconf is missing. */
    public static long perSecond() {
        try {
            Process getconf =
                    new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out =
                    new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                return Long.parseLong(out.trim());
            }
        } catch (IOException | NumberFormatException e) {
            // fall through to the usual value
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return USUAL;
    }
}
