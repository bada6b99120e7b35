package io.monorail.ws.domain.subscription;

import java.util.ArrayList;
import java.util.List;

/**
 * The events a feed handed over together, and the watchers they reached: each watcher gathers its
 * messages during the burst and writes them once at its end. One burst is handled by one thread.
 */
public final class Burst {
    private final List<Watcher> reached = new ArrayList<>();

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
