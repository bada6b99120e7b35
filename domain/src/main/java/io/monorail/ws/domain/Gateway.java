package io.monorail.ws.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monorail.ws.domain.auth.GatewaySecurity;
import io.monorail.ws.domain.catalog.ResourceCatalog;
import io.monorail.ws.domain.cluster.ClusterSettings;
import io.monorail.ws.domain.cluster.DispatchPosition;
import io.monorail.ws.domain.cluster.EventRing;
import io.monorail.ws.domain.journal.FrameJournal;
import io.monorail.ws.domain.journal.Journaled;
import io.monorail.ws.domain.port.Verification;
import io.monorail.ws.domain.port.in.ClientGateway;
import io.monorail.ws.domain.port.in.ClientSession;
import io.monorail.ws.domain.port.in.Handshake;
import io.monorail.ws.domain.port.out.BusEvent;
import io.monorail.ws.domain.port.out.EventSink;
import io.monorail.ws.domain.session.SessionDirectory;
import io.monorail.ws.domain.subscription.Burst;
import io.monorail.ws.domain.subscription.SubscriptionRegistry;
import io.monorail.ws.domain.subscription.Watcher;
import io.monorail.ws.protocol.ErrorCode;
import io.monorail.ws.protocol.Frames;
import io.monorail.ws.protocol.MessageCodec;
import io.monorail.ws.protocol.SharedFrame;
import io.monorail.ws.protocol.TypeField;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;

/**
 * The gateway's core: accepts client connections from a transport and events from the bus, and
 * routes each to where it belongs.
 */
public final class Gateway implements ClientGateway, EventSink {
    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());

    private final GatewayPorts ports;
    private final GatewaySecurity security;
    private final MessageCodec codec;
    private final LongAdder events = new LongAdder();
    // When the bus went down, or -1 while it is up; written by the feed's delivery thread only.
    private volatile long busDownSince = -1;
    private final FrameJournal journal;
    private final SubscriptionRegistry registry;
    private final SessionDirectory sessions;
    private final ClientHandler.Requests requests;
    private final Set<ClientHandler> connected = ConcurrentHashMap.newKeySet();
    private final ClusterSettings cluster;
    private final DispatchPosition position = new DispatchPosition();
    // Cluster mode only: the events read from the stream, for takeovers.
    private final EventRing ring;
    // Cluster mode only: resumes sessions of other instances.
    private final SessionTakeover takeover;

    /**
     * Wires the gateway to its ports; from here on the feed delivers its events to this gateway.
     *
     * @param readExecutor runs store reads; bound it, since its queue is what a burst of queries
     *     fills
     */
    public Gateway(
            ResourceCatalog catalog,
            GatewayPorts ports,
            GatewayLimits limits,
            GatewaySecurity security,
            Executor readExecutor) {
        this(catalog, ports, limits, security, readExecutor, ClusterSettings.SINGLE);
    }

    /**
     * A gateway that, with {@code cluster} enabled, is one instance of a cluster (ADR 13): its feed
     * reads the shared event stream and its session store is shared.
     */
    public Gateway(
            ResourceCatalog catalog,
            GatewayPorts ports,
            GatewayLimits limits,
            GatewaySecurity security,
            Executor readExecutor,
            ClusterSettings cluster) {
        Objects.requireNonNull(catalog, "catalog");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.ports = Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(limits, "limits");
        this.security = Objects.requireNonNull(security, "security");
        this.codec = new MessageCodec(limits.maxJsonDepth());
        this.journal =
                new FrameJournal(
                        limits.sessions().journalBytes(),
                        limits.sessions().journalAge().toMillis(),
                        ports.clock()::millis);
        this.registry =
                new SubscriptionRegistry(
                        ports.feed(), codec, journal, limits.maxTrackedIds(), cluster.enabled());
        this.sessions =
                new SessionDirectory(
                        ports.sessions(),
                        registry,
                        limits.sessions(),
                        cluster,
                        position,
                        ports.clock());
        this.ring =
                cluster.enabled()
                        ? new EventRing(
                                limits.sessions().journalBytes(),
                                limits.sessions().journalAge().toMillis(),
                                ports.clock()::millis)
                        : null;
        StoreReads reads = new StoreReads(ports.store(), readExecutor, limits);
        ResourceAccess resources = new ResourceAccess(catalog, security.policy());
        this.takeover =
                cluster.enabled()
                        ? new SessionTakeover(
                                resources,
                                registry,
                                sessions,
                                codec,
                                journal,
                                ring,
                                position,
                                limits.sessions(),
                                limits.maxTrackedIds(),
                                ports.clock())
                        : null;
        this.requests =
                new ClientHandler.Requests(
                        new SessionRequests(
                                sessions, codec, journal, limits.sessions(), this.takeover),
                        new WatchRequests(
                                resources,
                                registry,
                                reads,
                                sessions,
                                codec,
                                limits.maxWatchesPerConnection()),
                        new ReadRequests(resources, reads),
                        new AuthRequests(security.authentication()),
                        limits.messageRate(),
                        ports.clock());
        ports.feed().setSink(this);
    }

    @Override
    public Verification authenticate(String token) {
        return security.authentication().atConnect(token);
    }

    @Override
    public ClientSession connect(Handshake handshake) {
        ClientState client =
                new ClientState(
                        handshake.connection(), handshake.channel(), handshake.principal(), codec);
        ClientHandler handler = new ClientHandler(handshake, requests, client, connected::remove);
        connected.add(handler);
        return handler;
    }

    @Override
    public Stats stats() {
        return new Stats(
                connected.size(),
                sessions.size(),
                registry.groupCount(),
                registry.bindingCount(),
                events.sum(),
                registry.deliveries(),
                takeover == null ? 0 : takeover.taken(),
                takeover == null ? 0 : takeover.refused());
    }

    @Override
    public Health health() {
        return new Health(ports.feed().isAvailable(), ports.store().isAvailable());
    }

    @Override
    public void onEvent(BusEvent event) {
        onEvents(List.of(event));
    }

    /** Every client reached by the burst gets its messages in one write, at the burst's end. */
    @Override
    public void onEvents(List<BusEvent> burst) {
        if (ring != null) {
            onStreamEvents(burst);
            return;
        }
        Burst writes = new Burst(burst.size());
        try {
            for (BusEvent event : burst) {
                events.increment();
                registry.dispatch(event, writes);
            }
        } finally {
            writes.end();
        }
    }

    /**
     * Cluster mode: the burst is dispatched between two checkpoints, and each event is kept in the
     * ring for takeovers. An event at or before the last one dispatched is a repeat and skipped.
     */
    private void onStreamEvents(List<BusEvent> burst) {
        Burst writes = new Burst(burst.size());
        long last = -1;
        position.beginBurst();
        try {
            for (BusEvent event : burst) {
                if (event.offset() <= ring.newest()) {
                    continue;
                }
                ring.append(event);
                last = event.offset();
                if (event.exchange().isEmpty()) {
                    continue; // an instance's start marker: a place in the stream, not an event
                }
                events.increment();
                registry.dispatch(event, writes);
            }
        } finally {
            try {
                writes.end();
            } finally {
                position.endBurst(last);
            }
        }
    }

    @Override
    public void onAvailability(boolean available) {
        if (!available) {
            if (busDownSince < 0) {
                busDownSince = ports.clock().millis();
            }
            LOG.log(
                    Level.WARNING,
                    "message bus unavailable; events published until it returns are lost to"
                            + " this gateway");
            return;
        }
        long since = busDownSince;
        busDownSince = -1;
        if (ports.feed().resumesAfterOutage()) {
            // The stream kept what was published meanwhile; it arrives now, in order.
            LOG.log(Level.INFO, "message bus available; the event stream resumes where it stopped");
            return;
        }
        LOG.log(Level.INFO, "message bus available; watches receive events again");
        if (since >= 0) {
            tellWatchersOfTheGap(
                    "the message bus was unreachable from "
                            + Instant.ofEpochMilli(since)
                            + " to "
                            + Instant.ofEpochMilli(ports.clock().millis())
                            + "; events in between may be lost: query again");
        }
    }

    /**
     * The stream lost events this gateway had not read (an outage outlasted its retention): every
     * watcher is told, and no takeover replay may pass this point.
     */
    @Override
    public void onEventsLost(String description) {
        LOG.log(Level.WARNING, "events were lost: {0}", description);
        if (ring != null) {
            ring.lost();
        }
        sessions.barrierForAll(
                () -> tellWatchersOfTheGap(description + "; events may be lost: query again"));
    }

    /**
     * Events published while the bus was out of reach are lost to this gateway: no watcher learns
     * of it silently. Each gets an {@code error} frame ({@code bus_unavailable}, numbered, so a
     * resuming client gets it too) telling it to query again.
     */
    private void tellWatchersOfTheGap(String message) {
        ObjectNode notice =
                Frames.error(TypeField.TYPE, null, ErrorCode.BUS_UNAVAILABLE, message, null);
        notice.remove("handler");
        notice.remove("type");
        Journaled frame = journal.append(SharedFrame.of(codec, "error", null, notice));
        for (Watcher watcher : registry.watchers()) {
            watcher.notice(frame);
        }
    }

    /**
     * Ends sessions whose grace period is over (and the oldest detached ones beyond the limit),
     * releasing their watches. Call it periodically.
     *
     * @return how many sessions ended
     */
    public int expireSessions() {
        journal.expire();
        if (ring != null) {
            ring.expire();
        }
        return sessions.expire(ports.clock().millis());
    }

    /**
     * Cluster mode: writes the checkpoints of the attached sessions of one slice (see {@link
     * SessionDirectory#checkpointAttached}). Call it for each of {@code slices} slices in turn,
     * every {@link ClusterSettings#checkpointInterval()} divided by {@code slices}; a no-op on a
     * single instance.
     *
     * @return how many session records were written
     */
    public int checkpointSessions(int slice, int slices) {
        return sessions.checkpointAttached(slice, slices);
    }

    /** This gateway's cluster settings. */
    public ClusterSettings cluster() {
        return cluster;
    }

    /**
     * Closes, with 4001, the connections whose token has expired (and was not refreshed in band).
     * Call it periodically; a connection that sends a frame after its expiry is closed then too.
     *
     * @return how many connections were closed now
     */
    public int closeExpired() {
        long now = ports.clock().millis();
        int closed = 0;
        for (ClientHandler client : connected) {
            if (client.closeIfExpired(now)) {
                connected.remove(client);
                closed++;
            }
        }
        if (closed > 0) {
            LOG.log(Level.DEBUG, "{0} connections closed: token expired", closed);
        }
        return closed;
    }

    /** The registry, for metrics and tests. */
    public SubscriptionRegistry registry() {
        return registry;
    }
}
