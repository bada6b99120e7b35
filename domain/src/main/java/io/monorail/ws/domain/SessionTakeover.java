package io.monorail.ws.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.monorail.ws.domain.auth.Action;
import io.monorail.ws.domain.catalog.ResourceDefinition;
import io.monorail.ws.domain.cluster.DispatchPosition;
import io.monorail.ws.domain.cluster.EventRing;
import io.monorail.ws.domain.error.RequestException;
import io.monorail.ws.domain.journal.FrameJournal;
import io.monorail.ws.domain.port.Principal;
import io.monorail.ws.domain.port.out.BusEvent;
import io.monorail.ws.domain.port.out.Clock;
import io.monorail.ws.domain.port.out.SessionRecord;
import io.monorail.ws.domain.port.out.SessionRecord.Checkpoint;
import io.monorail.ws.domain.port.out.TopicBinding;
import io.monorail.ws.domain.session.Session;
import io.monorail.ws.domain.session.SessionDirectory;
import io.monorail.ws.domain.session.SessionIds;
import io.monorail.ws.domain.session.SessionLimits;
import io.monorail.ws.domain.subscription.Delivery;
import io.monorail.ws.domain.subscription.EventTranslator;
import io.monorail.ws.domain.subscription.MatchTracker;
import io.monorail.ws.domain.subscription.SubscriptionRegistry;
import io.monorail.ws.domain.subscription.TranslatedEvent;
import io.monorail.ws.domain.subscription.Watch;
import io.monorail.ws.domain.subscription.WatchKey;
import io.monorail.ws.domain.subscription.WatchPlan;
import io.monorail.ws.protocol.MessageCodec;
import io.monorail.ws.protocol.ResumeReason;
import io.monorail.ws.protocol.SharedFrame;
import io.monorail.ws.protocol.TypeField;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/**
 * Cluster mode (ADR 13): resumes here a session another instance held, from its record. The
 * session's numbering is a function of its watches and the event stream, so it is recomputed: from
 * the last checkpoint at or before the client's {@code seq}, every event this instance read from
 * the stream goes through the watches in force at its offset, in the order the registry would
 * deliver it, each match numbered; then the watches join live traffic at the exact offset where the
 * replay ended (under the {@link DispatchPosition} lock), and the record is written with the next
 * generation, which ends the session on its former instance.
 *
 * <p>Refused, with a reason, never served with a gap: when no checkpoint at or before the client's
 * {@code seq} can be replayed (a snapshot's {@code list} or a notice lies in between, which the
 * stream cannot give again), when this instance no longer holds the events since it, when a
 * filtered watch of a collection had remembered more documents than it may (its enter and leave
 * messages depend on the documents it showed, which its checkpoints carry up to that bound), or
 * when a recomputed seq disagrees with a checkpoint.
 */
final class SessionTakeover {
    private static final System.Logger LOG = System.getLogger(SessionTakeover.class.getName());
    // How long to wait for this instance to have read as far as the record's last checkpoint.
    private static final long CATCH_UP_NANOS = 5_000_000_000L;

    private final ResourceAccess resources;
    private final SubscriptionRegistry registry;
    private final SessionDirectory directory;
    private final MessageCodec codec;
    private final FrameJournal journal;
    private final EventRing ring;
    private final DispatchPosition position;
    private final SessionLimits limits;
    private final int maxTrackedIds;
    private final Clock clock;
    private final java.util.concurrent.atomic.LongAdder taken =
            new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder refused =
            new java.util.concurrent.atomic.LongAdder();

    SessionTakeover(
            ResourceAccess resources,
            SubscriptionRegistry registry,
            SessionDirectory directory,
            MessageCodec codec,
            FrameJournal journal,
            EventRing ring,
            DispatchPosition position,
            SessionLimits limits,
            int maxTrackedIds,
            Clock clock) {
        this.maxTrackedIds = maxTrackedIds;
        this.resources = resources;
        this.registry = registry;
        this.directory = directory;
        this.codec = codec;
        this.journal = journal;
        this.ring = ring;
        this.position = position;
        this.limits = limits;
        this.clock = clock;
    }

    /** A session taken over, detached and ready for a resume after {@code seen}; or why not. */
    record Outcome(Session session, ResumeReason refused) {
        static Outcome refused(ResumeReason reason) {
            return new Outcome(null, reason);
        }
    }

    Outcome take(SessionRecord record, Principal principal, long seen) {
        long now = clock.millis();
        if (record.detachedAtMillis() >= 0
                && now - record.detachedAtMillis() > limits.grace().toMillis()) {
            return Outcome.refused(ResumeReason.UNKNOWN_SESSION);
        }
        List<Checkpoint> checkpoints = record.checkpoints();
        int start = -1;
        for (int i = 0; i < checkpoints.size(); i++) {
            Checkpoint checkpoint = checkpoints.get(i);
            if (checkpoint.kind() != Checkpoint.Kind.BLOCKED && checkpoint.seq() <= seen) {
                start = i;
            }
        }
        if (start < 0) {
            return refuse(record, ResumeReason.GAP, "no checkpoint at or before seq " + seen);
        }
        for (int i = start + 1; i < checkpoints.size(); i++) {
            if (checkpoints.get(i).kind() != Checkpoint.Kind.STEP) {
                return refuse(
                        record,
                        ResumeReason.GAP,
                        "a snapshot or notice after seq " + seen + " cannot be replayed");
            }
        }
        Session session =
                Session.takenOver(
                        record,
                        checkpoints.subList(start, checkpoints.size()),
                        codec,
                        journal,
                        limits,
                        now);
        Map<SessionRecord.WatchRecord, Planned> planned = new HashMap<>();
        for (Checkpoint checkpoint : checkpoints.subList(start, checkpoints.size())) {
            for (SessionRecord.WatchRecord watch : checkpoint.watches()) {
                if (!planned.containsKey(watch)) {
                    Optional<Planned> plan = plan(watch, session, principal);
                    if (plan.isEmpty()) {
                        return refuse(
                                record,
                                ResumeReason.GAP,
                                "its watch of " + watch.type() + " cannot be replayed here");
                    }
                    planned.put(watch, plan.get());
                }
            }
        }
        Replay replay =
                new Replay(session, checkpoints.subList(start, checkpoints.size()), planned);
        if (replay.failure() != null) {
            return refuse(record, ResumeReason.GAP, replay.failure());
        }
        long last = checkpoints.get(checkpoints.size() - 1).offset();
        long deadline = System.nanoTime() + CATCH_UP_NANOS;
        // Most of the replay runs while live traffic flows; only the last events are replayed
        // between two bursts.
        while (position.dispatched() < last || replay.offset() < position.dispatched() - 1) {
            if (position.dispatched() < last && System.nanoTime() > deadline) {
                return refuse(record, ResumeReason.GAP, "this instance is behind the stream");
            }
            if (!replay.through(position.dispatched())) {
                return refuse(record, ResumeReason.GAP, replay.failure);
            }
            if (position.dispatched() < last) {
                LockSupport.parkNanos(1_000_000);
            }
        }
        Outcome joined =
                position.exclusive(
                        () -> {
                            if (!replay.through(position.dispatched()) || !replay.finished()) {
                                return Outcome.refused(ResumeReason.GAP);
                            }
                            if (seen > session.lastSeq()) {
                                return Outcome.refused(ResumeReason.UNKNOWN_SEQ);
                            }
                            for (Watch watch : replay.current()) {
                                session.addWatch(watch);
                                CompletableFuture<Void> bound =
                                        registry.add(watch, replay.plan(watch), false);
                                if (bound.isCompletedExceptionally()) {
                                    session.removeWatches(key -> true).forEach(registry::remove);
                                    return Outcome.refused(ResumeReason.GAP);
                                }
                                replay.tracker(watch)
                                        .ifPresent(t -> registry.restoreTracker(watch, t));
                            }
                            session.checkpoint(
                                    position.dispatched(), Checkpoint.Kind.STEP, registry::tracked);
                            return new Outcome(session, null);
                        });
        if (joined.session() == null) {
            return refuse(
                    record,
                    joined.refused(),
                    replay.failure == null
                            ? "the replay did not reach live traffic"
                            : replay.failure);
        }
        directory.adopt(session);
        taken.increment();
        LOG.log(
                Level.DEBUG,
                "{0} taken over from instance {1}: {2} messages recomputed from offset {3}",
                session,
                record.instance(),
                session.lastSeq() - checkpoints.get(start).seq(),
                checkpoints.get(start).offset());
        return joined;
    }

    /** Sessions taken over here since start. */
    long taken() {
        return taken.sum();
    }

    /** Takeovers refused since start. */
    long refused() {
        return refused.sum();
    }

    private Outcome refuse(SessionRecord record, ResumeReason reason, String why) {
        refused.increment();
        LOG.log(
                Level.INFO,
                "session {0} of instance {1} not taken over: {2}",
                SessionIds.redact(record.id()),
                record.instance(),
                why);
        return Outcome.refused(reason);
    }

    /**
     * A watch of the record, planned here as its instance planned it, or empty when it cannot be.
     */
    private Optional<Planned> plan(
            SessionRecord.WatchRecord record, Session session, Principal principal) {
        Optional<ResourceDefinition> resource =
                resources.allowed(principal, record.type(), Action.WATCH);
        if (resource.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode params = codec.readBody(record.params().getBytes(StandardCharsets.UTF_8));
            WatchPlan plan = resource.get().planWatch(params.isNull() ? null : params);
            Watch watch =
                    new Watch(
                            new WatchKey(record.type(), record.params()),
                            session,
                            typeField(record.typeField()),
                            record.ref() == null
                                    ? null
                                    : record.ref().getBytes(StandardCharsets.UTF_8));
            return Optional.of(new Planned(watch, plan));
        } catch (RequestException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static TypeField typeField(String name) {
        for (TypeField field : TypeField.values()) {
            if (field.fieldName().equals(name)) {
                return field;
            }
        }
        return TypeField.TYPE;
    }

    private record Planned(Watch watch, WatchPlan plan) {}

    /** The recomputation of one session's messages, event by event, checkpoint by checkpoint. */
    private final class Replay {
        private final Session session;
        private final List<Checkpoint> checkpoints;
        private final Map<SessionRecord.WatchRecord, Planned> planned;
        private final Map<Watch, WatchPlan> plans = new IdentityHashMap<>();
        // The filtered watches' own trackers, as the checkpoints give them and the events move
        // them.
        private final Map<Watch, MatchTracker> trackers = new IdentityHashMap<>();
        private List<Watch> current;
        private int next = 1;
        private long offset;
        private String failure;

        Replay(
                Session session,
                List<Checkpoint> checkpoints,
                Map<SessionRecord.WatchRecord, Planned> planned) {
            this.session = session;
            this.checkpoints = checkpoints;
            this.planned = planned;
            planned.values().forEach(p -> plans.put(p.watch(), p.plan()));
            this.current = watchesOf(checkpoints.get(0));
            this.offset = checkpoints.get(0).offset();
            if (!track(checkpoints.get(0))) {
                failure = "a filtered watch's shown documents are not in its checkpoint";
            }
        }

        /** A failure found before any event: the replay cannot start. */
        String failure() {
            return failure;
        }

        Optional<MatchTracker> tracker(Watch watch) {
            return Optional.ofNullable(trackers.get(watch));
        }

        /**
         * Sets the trackers of the filtered watches in force to what {@code checkpoint} says they
         * showed; false when it does not say, or a tracker had overflowed.
         */
        private boolean track(Checkpoint checkpoint) {
            trackers.clear();
            for (Watch watch : current) {
                if (plans.get(watch).filter().isEmpty()) {
                    continue;
                }
                SessionRecord.TrackedWatch shown = null;
                for (SessionRecord.TrackedWatch tracked : checkpoint.tracked()) {
                    if (tracked.type().equals(watch.key().type())
                            && tracked.params().equals(watch.key().canonicalParams())) {
                        shown = tracked;
                    }
                }
                if (shown == null || shown.ids() == null) {
                    return false;
                }
                MatchTracker tracker = new MatchTracker(maxTrackedIds);
                tracker.seed(shown.ids());
                trackers.put(watch, tracker);
            }
            return true;
        }

        long offset() {
            return offset;
        }

        List<Watch> current() {
            return current;
        }

        WatchPlan plan(Watch watch) {
            return plans.get(watch);
        }

        /** Every checkpoint was passed. */
        boolean finished() {
            if (next < checkpoints.size()) {
                failure = "checkpoint at offset " + checkpoints.get(next).offset() + " not reached";
                return false;
            }
            return true;
        }

        /** Replays the events after where it stands, up to {@code upTo}; false on a failure. */
        boolean through(long upTo) {
            if (upTo <= offset) {
                return passCheckpointsUpTo(offset);
            }
            Optional<List<BusEvent>> events = ring.between(offset, upTo);
            if (events.isEmpty()) {
                failure = "this instance no longer holds the events after offset " + offset;
                return false;
            }
            for (BusEvent event : events.get()) {
                if (!passCheckpointsUpTo(event.offset() - 1)) {
                    return false;
                }
                deliver(event);
            }
            offset = upTo;
            return passCheckpointsUpTo(upTo);
        }

        /** Takes on the watches of every checkpoint at or before {@code at}, checking its seq. */
        private boolean passCheckpointsUpTo(long at) {
            while (next < checkpoints.size() && checkpoints.get(next).offset() <= at) {
                Checkpoint checkpoint = checkpoints.get(next);
                if (checkpoint.seq() != session.lastSeq()) {
                    failure =
                            "recomputed seq "
                                    + session.lastSeq()
                                    + " disagrees with checkpoint seq "
                                    + checkpoint.seq();
                    return false;
                }
                current = watchesOf(checkpoint);
                if (!track(checkpoint)) {
                    failure = "a filtered watch's shown documents are not in a checkpoint";
                    return false;
                }
                next++;
            }
            return true;
        }

        /** What the registry does for one event and this session's watches, in the same order. */
        private void deliver(BusEvent event) {
            JsonNode body = null;
            Map<EventTranslator, TranslatedEvent> translated = new IdentityHashMap<>();
            for (Watch watch : current) {
                WatchPlan plan = plans.get(watch);
                if (!routes(plan, event)) {
                    continue;
                }
                if (body == null) {
                    body = codec.readBody(event.body());
                }
                JsonNode parsed = body;
                TranslatedEvent translatedEvent =
                        translated.computeIfAbsent(
                                plan.translator(), t -> t.translate(event.routingKey(), parsed));
                if (translatedEvent == null) {
                    continue;
                }
                boolean matches = plan.filter().matches(translatedEvent.filterTarget());
                MatchTracker tracker = trackers.get(watch);
                Delivery delivery;
                if (tracker != null && translatedEvent.change() != null) {
                    delivery = tracker.admit(translatedEvent.change(), matches);
                } else {
                    delivery = matches ? Delivery.AS_IS : null;
                }
                if (delivery == null) {
                    continue;
                }
                SharedFrame frame =
                        SubscriptionRegistry.frame(
                                codec, translatedEvent, watch.key().type(), delivery);
                session.replayed(journal.append(frame), watch);
            }
        }

        private List<Watch> watchesOf(Checkpoint checkpoint) {
            Map<WatchKey, Watch> byKey = new LinkedHashMap<>();
            for (SessionRecord.WatchRecord record : checkpoint.watches()) {
                Watch watch = planned.get(record).watch();
                byKey.put(watch.key(), watch);
            }
            List<Watch> ordered = new ArrayList<>(byKey.values());
            ordered.sort(Comparator.comparing(Watch::key));
            return ordered;
        }
    }

    private static boolean routes(WatchPlan plan, BusEvent event) {
        for (TopicBinding binding : plan.bindings()) {
            if (binding.exchange().equals(event.exchange())
                    && binding.matches(event.routingKey())) {
                return true;
            }
        }
        return false;
    }
}
