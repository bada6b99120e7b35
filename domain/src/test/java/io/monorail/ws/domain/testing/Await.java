package io.monorail.ws.domain.testing;

import java.time.Duration;

/** Waits for a condition with a deadline: tests synchronise on state, never on elapsed time. */
public final class Await {
    /** How long to wait for something that should happen. */
    public static final Duration WAIT = Duration.ofSeconds(10);

    /** The longest pause between two looks at a condition. */
    private static final long MAX_POLL_MILLIS = 50;

    /** A state a test waits for; an exception while looking fails the wait at once. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {}

    /** Returns once {@code condition} holds, failing the test after {@link #WAIT}. */
    public static void until(Condition condition, String what) throws Exception {
        until(condition, what, WAIT);
    }

    /** Returns once {@code condition} holds, failing the test after {@code within}. */
    public static void until(Condition condition, String what, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        long pollMillis = 1;
        while (!condition.holds()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            // Quick to notice what is about to happen, gentle on what takes seconds.
            Thread.sleep(pollMillis);
            pollMillis = Math.min(pollMillis * 2, MAX_POLL_MILLIS);
        }
    }
}
