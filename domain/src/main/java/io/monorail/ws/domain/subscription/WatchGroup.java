package io.monorail.ws.domain.subscription;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.monorail.ws.domain.port.out.SessionRecord;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    // Null when the filter cannot reject a document (nothing can leave), or trackers are per watch.
    private final MatchTracker tracker;
    // Cluster mode: one tracker per watch, seeded by its own snapshot only, so that what a watch
    // receives follows from its snapshot and the event stream, and another instance can recompute
    // it (ADR 13). Null otherwise.
    private final Map<Watch, MatchTracker> perWatch;
    private final int maxTrackedIds;
    private final Set<Watch> snapshotting = new LinkedHashSet<>();

    WatchGroup(WatchKey key, WatchPlan plan, int maxTrackedIds, boolean trackPerWatch) {
        this.key = key;
        this.plan = plan;
        this.maxTrackedIds = maxTrackedIds;
        boolean tracked = !plan.filter().isEmpty();
        this.tracker = tracked && !trackPerWatch ? new MatchTracker(maxTrackedIds) : null;
        this.perWatch = tracked && trackPerWatch ? new HashMap<>() : null;
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
        if ((tracker == null && perWatch == null) || change == null) {
            if (matches) {
                send.toAll(watches, Delivery.AS_IS);
            }
            return;
        }
        synchronized (this) {
            if (perWatch != null) {
                offerToEach(change, matches, send);
                return;
            }
            Delivery delivery = tracker.admit(change, matches);
            if (delivery != null) {
                send.toAll(watches, delivery);
            } else if (!snapshotting.isEmpty() && !change.created()) {
                // A snapshot being read may show this document: only it can tell.
                send.toAll(List.copyOf(snapshotting), Delivery.LEAVE_IF_SHOWN);
            }
        }
    }

    /** Per-watch trackers: each watch's own delivery, the watches with the same one together. */
    private void offerToEach(RecordChange change, boolean matches, Deliverer send) {
        Map<Delivery, List<Watch>> byDelivery = new EnumMap<>(Delivery.class);
        for (Watch watch : watches) {
            Delivery delivery = trackerOf(watch).admit(change, matches);
            if (delivery == null) {
                if (!snapshotting.contains(watch) || change.created()) {
                    continue;
                }
                delivery = Delivery.LEAVE_IF_SHOWN; // only its snapshot can tell
            }
            byDelivery.computeIfAbsent(delivery, d -> new ArrayList<>()).add(watch);
        }
        byDelivery.forEach((delivery, recipients) -> send.toAll(recipients, delivery));
    }

    private MatchTracker trackerOf(Watch watch) {
        return perWatch.computeIfAbsent(watch, w -> new MatchTracker(maxTrackedIds));
    }

    /**
     * What {@code watch}'s own tracker remembers as shown, for a checkpoint; empty when the watch
     * has no tracker of its own.
     */
    synchronized Optional<SessionRecord.TrackedWatch> tracked(Watch watch) {
        if (perWatch == null) {
            return Optional.empty();
        }
        List<String> ids = trackerOf(watch).remembered();
        if (ids != null && ids.size() > MAX_CHECKPOINTED_IDS) {
            ids = null; // too many to write down every checkpoint: a takeover will refuse it
        }
        return Optional.of(new SessionRecord.TrackedWatch(key.type(), key.canonicalParams(), ids));
    }

    /** The most shown documents a checkpoint names for one watch. */
    static final int MAX_CHECKPOINTED_IDS = 1_000;

    /** Gives {@code watch}'s own tracker what a takeover recomputed (per-watch trackers only). */
    synchronized void restore(Watch watch, MatchTracker recomputed) {
        if (perWatch != null) {
            perWatch.put(watch, recomputed);
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
        } else if (perWatch != null) {
            trackerOf(watch).seed(shown);
        }
    }

    synchronized void forget(Watch watch) {
        snapshotting.remove(watch);
        if (perWatch != null) {
            perWatch.remove(watch);
        }
    }

    /** Documents remembered as matching, for metrics and tests. */
    synchronized int trackedIds() {
        if (perWatch != null) {
            return perWatch.values().stream().mapToInt(MatchTracker::size).sum();
        }
        return tracker == null ? 0 : tracker.size();
    }

    /** Sends one event to some watches of the group. */
    @FunctionalInterface
    interface Deliverer {
        void toAll(List<Watch> recipients, Delivery delivery);
    }
}
