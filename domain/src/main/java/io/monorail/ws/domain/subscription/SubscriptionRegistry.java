package io.monorail.ws.domain.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monorail.ws.domain.journal.FrameJournal;
import io.monorail.ws.domain.journal.Journaled;
import io.monorail.ws.domain.port.out.BusEvent;
import io.monorail.ws.domain.port.out.EventFeed;
import io.monorail.ws.domain.port.out.EventFeedException;
import io.monorail.ws.domain.port.out.SessionRecord;
import io.monorail.ws.domain.port.out.TopicBinding;
import io.monorail.ws.protocol.MessageCodec;
import io.monorail.ws.protocol.SharedFrame;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which watch gets which event. Watches with the same key form one group; groups are routed by
 * their bindings, and each distinct binding is bound on the feed once, however many watches need it
 * (reference counting). Mutations are serialized; dispatch reads an immutable snapshot of the
 * routes, so fan-out never waits for a client subscribing. A filtered group over documents tells
 * its watches when a document enters or leaves what its filter matches.
 */
public final class SubscriptionRegistry {
    private static final System.Logger LOG = System.getLogger(SubscriptionRegistry.class.getName());

    private final EventFeed feed;
    private final MessageCodec codec;
    private final FrameJournal journal;
    private final Map<WatchKey, WatchGroup> groups = new HashMap<>();
    private final Map<TopicBinding, BindingEntry> bindings = new HashMap<>();
    // Per exchange, which groups each bound pattern selects: what dispatch reads, without locks.
    private final Map<String, TopicTrie<WatchGroup>> routes = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.LongAdder deliveries =
            new java.util.concurrent.atomic.LongAdder();

    private final int maxTrackedIds;
    private final boolean trackPerWatch;
    private static final Comparator<WatchGroup> BY_KEY = Comparator.comparing(WatchGroup::key);

    /**
     * @param maxTrackedIds how many matching documents one filtered watch group remembers (see
     *     {@link MatchTracker})
     * @param journal where each frame an event becomes is kept once, for resumes
     */
    public SubscriptionRegistry(
            EventFeed feed, MessageCodec codec, FrameJournal journal, int maxTrackedIds) {
        this(feed, codec, journal, maxTrackedIds, false);
    }

    /**
     * @param trackPerWatch each filtered watch of a collection remembers the documents it showed on
     *     its own, not with its group (cluster mode: what it receives then follows from its
     *     snapshot and the stream, so another instance can recompute it)
     */
    public SubscriptionRegistry(
            EventFeed feed,
            MessageCodec codec,
            FrameJournal journal,
            int maxTrackedIds,
            boolean trackPerWatch) {
        this.feed = feed;
        this.codec = codec;
        this.journal = journal;
        this.maxTrackedIds = maxTrackedIds;
        this.trackPerWatch = trackPerWatch;
    }

    /**
     * Adds a watch. {@code plan} is used when no watch with the same key exists yet. The future
     * completes when the watch's bindings are in place, or fails with the feed's exception, in
     * which case the watch has already been removed again. While the feed is unavailable every
     * watch fails with {@code UNAVAILABLE}, whether or not another watch holds its bindings.
     *
     * @param snapshot the watch reads a snapshot: until {@link #completeSnapshot}, it also gets
     *     what may leave the documents that snapshot shows
     */
    public CompletableFuture<Void> add(Watch watch, WatchPlan plan, boolean snapshot) {
        if (!plan.bindings().stream().allMatch(feed::isAvailable)) {
            return CompletableFuture.failedFuture(
                    new EventFeedException(
                            EventFeedException.Reason.UNAVAILABLE,
                            "message bus unavailable; watch again once it is back"));
        }
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        synchronized (this) {
            WatchGroup group =
                    groups.computeIfAbsent(
                            watch.key(),
                            key -> new WatchGroup(key, plan, maxTrackedIds, trackPerWatch));
            if (snapshot) {
                group.beginSnapshot(watch);
            }
            for (TopicBinding binding : group.plan().bindings()) {
                BindingEntry entry = bindings.get(binding);
                if (entry == null) {
                    // First use, or a bind that failed and was forgotten: (re)bind.
                    entry = new BindingEntry(binding, feed.bind(binding));
                    bindings.put(binding, entry);
                    watchForFailure(entry);
                }
                if (entry.groups.add(group)) {
                    route(binding, group);
                }
                pending.add(entry.ready);
            }
            group.watches().add(watch);
        }
        CompletableFuture<Void> all =
                CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0]));
        return all.whenComplete(
                (ok, failure) -> {
                    if (failure != null) {
                        remove(watch);
                    }
                });
    }

    /** Removes a watch; unbinds what no other watch needs. Removing twice is harmless. */
    public synchronized void remove(Watch watch) {
        WatchGroup group = groups.get(watch.key());
        if (group == null || !group.watches().remove(watch)) {
            return;
        }
        group.forget(watch);
        if (!group.watches().isEmpty()) {
            return;
        }
        groups.remove(watch.key());
        for (TopicBinding binding : group.plan().bindings()) {
            BindingEntry entry = bindings.get(binding);
            if (entry == null) {
                continue;
            }
            if (entry.groups.remove(group)) {
                unroute(binding, group);
            }
            if (entry.groups.isEmpty()) {
                bindings.remove(binding);
                if (!entry.ready.isCompletedExceptionally()) {
                    feed.unbind(binding);
                }
            }
        }
    }

    /**
     * Delivers one bus event to every matching watch. The body is parsed once, each resource
     * translates it once, each group filters it once, and each resource's frame is serialized once
     * per type and delivery for all its recipients. Recipients gather their messages until {@code
     * burst} ends.
     */
    public void dispatch(BusEvent event, Burst burst) {
        TopicTrie<WatchGroup> trie = routes.get(event.exchange());
        if (trie == null) {
            return;
        }
        Set<WatchGroup> found = new LinkedHashSet<>();
        trie.match(event.routingKey(), found);
        if (found.isEmpty()) {
            return;
        }
        Collection<WatchGroup> matched = found;
        if (found.size() > 1) {
            // One order on every instance: a session's messages for one event come in key order.
            List<WatchGroup> ordered = new ArrayList<>(found);
            ordered.sort(BY_KEY);
            matched = ordered;
        }
        JsonNode body = codec.readBody(event.body());
        Map<EventTranslator, Rendered> byResource = new IdentityHashMap<>();
        for (WatchGroup group : matched) {
            EventTranslator translator = group.plan().translator();
            Rendered rendered =
                    byResource.computeIfAbsent(
                            translator, t -> new Rendered(t.translate(event.routingKey(), body)));
            if (rendered.event == null) {
                continue;
            }
            String type = group.key().type();
            group.offer(
                    rendered.event,
                    (recipients, delivery) ->
                            deliver(
                                    rendered,
                                    rendered.frame(codec, journal, type, delivery),
                                    delivery,
                                    recipients,
                                    burst));
        }
    }

    private void deliver(
            Rendered rendered,
            Journaled frame,
            Delivery delivery,
            List<Watch> recipients,
            Burst burst) {
        for (Watch watch : recipients) {
            try {
                watch.owner().deliver(frame, rendered.event, delivery, watch, burst);
                deliveries.increment();
            } catch (RuntimeException e) {
                // One broken recipient must not starve the others.
                LOG.log(System.Logger.Level.WARNING, "delivery to a watcher failed", e);
            }
        }
    }

    /**
     * Ends the snapshot of a watch added with {@code snapshot}: its watcher sends the documents and
     * what arrived meanwhile, and its group remembers the documents it showed.
     */
    public void completeSnapshot(Watch watch, ArrayNode documents, boolean truncated) {
        WatchGroup group;
        synchronized (this) {
            group = groups.get(watch.key());
        }
        if (group == null || !group.watches().contains(watch)) {
            return; // stopped meanwhile
        }
        group.completeSnapshot(watch, documents, truncated);
    }

    /**
     * What {@code watch} remembers as shown, when it tracks documents on its own (see the
     * constructor); empty otherwise.
     */
    public Optional<SessionRecord.TrackedWatch> tracked(Watch watch) {
        WatchGroup group;
        synchronized (this) {
            group = groups.get(watch.key());
        }
        return group == null ? Optional.empty() : group.tracked(watch);
    }

    /** Gives a watch added after a takeover the tracker its replay recomputed. */
    public void restoreTracker(Watch watch, MatchTracker recomputed) {
        WatchGroup group;
        synchronized (this) {
            group = groups.get(watch.key());
        }
        if (group != null) {
            group.restore(watch, recomputed);
        }
    }

    /**
     * The frame one event becomes for watches of resource type {@code type} reached by {@code
     * delivery}: as the resource presents it, or an {@code item} entering or a {@code remove}
     * leaving a filter, with its {@code reason}.
     */
    public static SharedFrame frame(
            MessageCodec codec, TranslatedEvent event, String type, Delivery delivery) {
        RecordChange change = event.change();
        if (delivery == Delivery.AS_IS || change == null) {
            return SharedFrame.of(codec, event.handler(), type, event.fields());
        }
        if (delivery.leaves()) {
            ObjectNode fields = change.removeFields();
            if (!change.destroyed()) {
                fields.put("reason", delivery.reason());
            }
            return SharedFrame.of(codec, "remove", type, fields);
        }
        ObjectNode fields = change.itemFields();
        fields.put("reason", delivery.reason());
        return SharedFrame.of(codec, "item", type, fields);
    }

    /** Documents that filtered groups remember as matching, in total (for metrics). */
    public synchronized long trackedIds() {
        long total = 0;
        for (WatchGroup group : groups.values()) {
            total += group.trackedIds();
        }
        return total;
    }

    /** Everyone holding at least one watch. */
    public synchronized Set<Watcher> watchers() {
        Set<Watcher> owners = new java.util.LinkedHashSet<>();
        for (WatchGroup group : groups.values()) {
            for (Watch watch : group.watches()) {
                owners.add(watch.owner());
            }
        }
        return owners;
    }

    /** Watch messages handed to watchers since start. */
    public long deliveries() {
        return deliveries.sum();
    }

    /** Number of distinct bindings currently held on the feed. */
    public synchronized int bindingCount() {
        return bindings.size();
    }

    /** Number of distinct watch keys. */
    public synchronized int groupCount() {
        return groups.size();
    }

    private void watchForFailure(BindingEntry entry) {
        entry.ready.whenComplete(
                (ok, failure) -> {
                    if (failure == null) {
                        return;
                    }
                    // Forget a failed binding at once so that the next watch tries again.
                    synchronized (this) {
                        if (bindings.get(entry.binding) == entry) {
                            bindings.remove(entry.binding);
                            for (WatchGroup group : entry.groups) {
                                unroute(entry.binding, group);
                            }
                        }
                    }
                });
    }

    private void route(TopicBinding binding, WatchGroup group) {
        routes.computeIfAbsent(binding.exchange(), e -> new TopicTrie<>())
                .add(binding.routingKey(), group);
    }

    private void unroute(TopicBinding binding, WatchGroup group) {
        TopicTrie<WatchGroup> trie = routes.get(binding.exchange());
        if (trie != null) {
            trie.remove(binding.routingKey(), group);
            if (trie.isEmpty()) {
                routes.remove(binding.exchange(), trie);
            }
        }
    }

    private static final class BindingEntry {
        final TopicBinding binding;
        final CompletableFuture<Void> ready;
        final Set<WatchGroup> groups = new LinkedHashSet<>();

        BindingEntry(TopicBinding binding, CompletableFuture<Void> ready) {
            this.binding = binding;
            this.ready = ready;
        }
    }

    /** One resource's view of one event, serialized on first use for each type and delivery. */
    private static final class Rendered {
        final TranslatedEvent event;
        // Few entries: one per (resource name, delivery) that saw the event.
        private final Map<String, Journaled> frames = new HashMap<>(4);

        Rendered(TranslatedEvent event) {
            this.event = event;
        }

        Journaled frame(MessageCodec codec, FrameJournal journal, String type, Delivery delivery) {
            return frames.computeIfAbsent(
                    delivery.ordinal() + type,
                    k -> journal.append(SubscriptionRegistry.frame(codec, event, type, delivery)));
        }
    }
}
