package io.monorail.ws.domain.subscription;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * All watches with one key, across sessions: they share a plan, so an event is filtered and
 * serialized once for all of them. A filtered group over documents also remembers which documents
 * match (see {@link MatchTracker}); that memory, the watches reading their snapshot and the
 * deliveries that depend on both change under the group's lock.
 */
final class WatchGroup {
    private final WatchKey key;
    private final WatchPlan plan;
    private final List<Watch> watches = new CopyOnWriteArrayList<>();
    // Null when the filter cannot reject a document (nothing can leave).
    private final MatchTracker tracker;
    private final Set<Watch> snapshotting = new LinkedHashSet<>();

    WatchGroup(WatchKey key, WatchPlan plan, int maxTrackedIds) {
        this.key = key;
        this.plan = plan;
        this.tracker = plan.filter().isEmpty() ? null : new MatchTracker(maxTrackedIds);
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

    /**
     * Hands one event to the watches it concerns.
     *
     * @param send called with the recipients and the delivery they get
     */
    void offer(TranslatedEvent event, Deliverer send) {
        boolean matches = plan.filter().matches(event.filterTarget());
        RecordChange change = event.change();
        if (tracker == null || change == null) {
            if (matches) {
                send.toAll(watches, Delivery.AS_IS);
            }
            return;
        }
        synchronized (this) {
            Delivery delivery = tracker.admit(change, matches);
            if (delivery != null) {
                send.toAll(watches, delivery);
            } else if (!snapshotting.isEmpty() && !change.created()) {
                // A snapshot being read may show this document: only it can tell.
                send.toAll(List.copyOf(snapshotting), Delivery.LEAVE_IF_SHOWN);
            }
        }
    }

    synchronized void beginSnapshot(Watch watch) {
        snapshotting.add(watch);
    }

    /** Ends a snapshot and remembers what it showed, atomically with respect to {@link #offer}. */
    synchronized void completeSnapshot(Watch watch, ArrayNode documents, boolean truncated) {
        snapshotting.remove(watch);
        Set<String> shown =
                watch.owner()
                        .completeSnapshot(
                                watch, documents, truncated, plan.translator()::documentId);
        if (tracker != null) {
            tracker.seed(shown);
        }
    }

    synchronized void forget(Watch watch) {
        snapshotting.remove(watch);
    }

    /** Documents remembered as matching, for metrics and tests. */
    synchronized int trackedIds() {
        return tracker == null ? 0 : tracker.size();
    }

    /** Sends one event to some watches of the group. */
    @FunctionalInterface
    interface Deliverer {
        void toAll(List<Watch> recipients, Delivery delivery);
    }
}
