package io.monorail.ws.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monorail.ws.domain.auth.GatewaySecurity;
import io.monorail.ws.domain.catalog.ResourceCatalog;
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
        Objects.requireNonNull(catalog, "catalog");
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
                new SubscriptionRegistry(ports.feed(), codec, journal, limits.maxTrackedIds());
        this.sessions = new SessionDirectory(ports.sessions(), registry, limits.sessions());
        StoreReads reads = new StoreReads(ports.store(), readExecutor, limits);
        ResourceAccess resources = new ResourceAccess(catalog, security.policy());
        this.requests =
                new ClientHandler.Requests(
                        new SessionRequests(sessions, codec, journal, limits.sessions()),
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
                registry.deliveries());
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
        LOG.log(Level.INFO, "message bus available; watches receive events again");
        long since = busDownSince;
        busDownSince = -1;
        if (since >= 0) {
            tellWatchersOfTheGap(since, ports.clock().millis());
        }
    }

    /**
     * Events published while the bus was out of reach are lost to this gateway: no watcher learns
     * of it silently. Each gets an {@code error} frame ({@code bus_unavailable}, numbered, so a
     * resuming client gets it too) telling it to query again.
     */
    private void tellWatchersOfTheGap(long fromMillis, long toMillis) {
        ObjectNode notice =
                Frames.error(
                        TypeField.TYPE,
                        null,
                        ErrorCode.BUS_UNAVAILABLE,
                        "the message bus was unreachable from "
                                + Instant.ofEpochMilli(fromMillis)
                                + " to "
                                + Instant.ofEpochMilli(toMillis)
                                + "; events in between may be lost: query again",
                        null);
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
        return sessions.expire(ports.clock().millis());
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
