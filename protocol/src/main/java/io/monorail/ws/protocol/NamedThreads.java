package io.monorail.ws.protocol;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread factories for the gateway's and the client's background threads: daemons with names that
 * say whose they are, so they never hold the JVM up and show up readably in thread dumps and logs.
 *
 * <p>Uncaught exceptions go to the JVM's default handler, as for any {@code new Thread}.
 */
public final class NamedThreads {
    private NamedThreads() {}

    /** Daemon threads named exactly {@code name}: for an executor that keeps one thread. */
    public static ThreadFactory daemon(String name) {
        Objects.requireNonNull(name, "name");
        return task -> daemonThread(task, name);
    }

    /** Daemon threads named {@code prefix-1}, {@code prefix-2}, ...: for a pool. */
    public static ThreadFactory daemonPool(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        AtomicInteger count = new AtomicInteger();
        return task -> daemonThread(task, prefix + "-" + count.incrementAndGet());
    }

    private static Thread daemonThread(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
