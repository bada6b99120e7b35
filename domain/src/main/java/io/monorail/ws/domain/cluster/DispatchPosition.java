package io.monorail.ws.domain.cluster;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Where this instance is in the event stream, and a lock that holds dispatch between two bursts.
 * What a checkpoint says, "every message for events up to offset N is numbered, and none after it",
 * is only true between bursts: checkpoints, watch changes and the end of a takeover replay happen
 * under this lock, and the delivery thread holds it while it dispatches a burst. It is held briefly
 * by everyone, so it costs one uncontended lock per burst.
 */
public final class DispatchPosition {
    private final ReentrantLock lock = new ReentrantLock();
    private volatile long dispatched = -1;

    /** Runs {@code work} between two bursts. */
    public <T> T exclusive(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} between two bursts. */
    public void exclusive(Runnable work) {
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }

    /** The delivery thread starts dispatching a burst. */
    public void beginBurst() {
        lock.lock();
    }

    /** The burst ended; {@code lastOffset} is its last event's offset, or -1 when it had none. */
    public void endBurst(long lastOffset) {
        try {
            if (lastOffset > dispatched) {
                dispatched = lastOffset;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The offset of the last event dispatched, or -1. Exact under {@link #exclusive}; elsewhere a
     * recent value.
     */
    public long dispatched() {
        return dispatched;
    }
}
