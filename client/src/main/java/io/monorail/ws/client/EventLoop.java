package io.monorail.ws.client;

import io.monorail.ws.protocol.NamedThreads;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread of a client that owns its state and runs every callback, in submission order. A
 * task that throws is logged and the loop goes on.
 */
final class EventLoop {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);

    /** A scheduled task that can be called off. */
    interface Timer {
        Timer NONE = () -> {};

        void cancel();
    }

    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread thread;

    EventLoop(String threadName) {
        ThreadFactory threads = NamedThreads.daemon(threadName);
        executor =
                new ScheduledThreadPoolExecutor(
                        1,
                        task -> {
                            Thread created = threads.newThread(task);
                            thread = created;
                            return created;
                        });
        // Timeouts are cancelled far more often than they fire: do not keep them queued.
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Runs {@code task} on the loop after what is already queued; dropped once shut down. */
    void execute(Runnable task) {
        try {
            executor.execute(() -> runSafely(task));
        } catch (RejectedExecutionException closed) {
            LOG.debug("client closed: task dropped");
        }
    }

    /** Runs {@code task} now when on the loop, otherwise queues it. */
    void run(Runnable task) {
        if (inLoop()) {
            runSafely(task);
        } else {
            execute(task);
        }
    }

    /** Runs {@code task} on the loop after {@code delay}, unless cancelled first. */
    Timer schedule(Runnable task, Duration delay) {
        try {
            ScheduledFuture<?> future =
                    executor.schedule(() -> runSafely(task), delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException closed) {
            return Timer.NONE;
        }
    }

    /** Runs {@code task} on the loop every {@code period}, first after one period. */
    Timer every(Runnable task, Duration period) {
        try {
            ScheduledFuture<?> future =
                    executor.scheduleWithFixedDelay(
                            () -> runSafely(task),
                            period.toNanos(),
                            period.toNanos(),
                            TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException closed) {
            return Timer.NONE;
        }
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * Stops taking tasks; waits up to {@code timeout} for queued ones unless called on the loop.
     */
    void shutdown(Duration timeout) {
        executor.shutdown();
        if (inLoop()) {
            return;
        }
        try {
            if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            LOG.warn("a client callback failed; the client carries on", e);
        }
    }
}
