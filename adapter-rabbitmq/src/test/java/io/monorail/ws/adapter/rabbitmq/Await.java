package io.monorail.ws.adapter.rabbitmq;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline: tests synchronise on state, never on elapsed time. */
final class Await {
    static final Duration WAIT = Duration.ofSeconds(10);

    private Await() {}

    static void until(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within %s: %s", WAIT, what);
            }
            Thread.sleep(10);
        }
    }
}
