package io.monorail.ws.domain.subscription;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * All watches with one key, across sessions: they share a plan, so an event is filtered and
 * serialized once for all of them.
 */
final class WatchGroup {
    private final WatchKey key;
    private final WatchPlan plan;
    private final List<Watch> watches = new CopyOnWriteArrayList<>();

    WatchGroup(WatchKey key, WatchPlan plan) {
        this.key = key;
        this.plan = plan;
    }

    WatchKey key() {
        return key;
    }

    WatchPlan plan() {
        return plan;
    }

    List<Watch> watches() {
        return watches;
    }
}
