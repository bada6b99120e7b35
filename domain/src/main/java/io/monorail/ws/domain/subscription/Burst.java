package io.monorail.ws.domain.subscription;

import java.util.ArrayList;
import java.util.List;

/**
 * The events a feed handed over together, and the watchers they reached: each watcher gathers its
 * messages during the burst and writes them once at its end. One burst is handled by one thread.
 */
public final class Burst {
    private final List<Watcher> reached = new ArrayList<>();
    private final boolean single;

    /**
     * @param events how many events the burst holds
     */
    public Burst(int events) {
        this.single = events == 1;
    }

    /**
     * Whether the burst holds one event: a watcher then writes each message at once, since nothing
     * else of the burst will follow it (one write, not a queue and a flush).
     */
    public boolean single() {
        return single;
    }

    /** A watcher gathered its first message of this burst; it is flushed at {@link #end}. */
    public void reached(Watcher watcher) {
        reached.add(watcher);
    }

    /** Writes what every watcher gathered. */
    public void end() {
        for (Watcher watcher : reached) {
            try {
                watcher.flush(this);
            } catch (RuntimeException e) {
                System.getLogger(Burst.class.getName())
                        .log(System.Logger.Level.WARNING, "flushing a watcher failed", e);
            }
        }
        reached.clear();
    }
}
