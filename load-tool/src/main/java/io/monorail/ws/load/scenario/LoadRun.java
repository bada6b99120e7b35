package io.monorail.ws.load.scenario;

import io.monorail.ws.load.client.ClientFleet;
import io.monorail.ws.load.client.Phase;
import io.monorail.ws.load.publish.EventPublisher;
import io.monorail.ws.load.server.ClockTicks;
import io.monorail.ws.load.server.GcLog;
import io.monorail.ws.load.server.GcPause;
import io.monorail.ws.load.server.Jcmd;
import io.monorail.ws.load.server.MachineCpu;
import io.monorail.ws.load.server.ProcLimits;
import io.monorail.ws.load.server.ProcStat;
import io.monorail.ws.load.server.ProcStatus;
import io.monorail.ws.load.server.RabbitMq;
import io.monorail.ws.load.server.ServerUnderTest;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs the measures of one server once: subscribe N clients (with memory before and after), a
 * warm-up, the flood, the paced run. The load generator's own CPU is never counted: CPU comes from
 * the server's /proc entry.
 */
public final class LoadRun {
    private static final int WARMUP = 0;
    private static final int FLOOD = 1;
    private static final int PACED = 2;

    private final LoadSettings settings;
    private final String amqpUri;
    private final PrintStream log;
    private final long ticksPerSecond = ClockTicks.perSecond();

    public LoadRun(LoadSettings settings, String amqpUri, PrintStream log) {
        this.settings = settings;
        this.amqpUri = amqpUri;
        this.log = log;
    }

    /** Measures {@code server}; {@code repeat} only labels the result. */
    public ServerRun run(ServerUnderTest server, int repeat) throws Exception {
        int clients = settings.clients();
        ProcLimits.requireRoomFor(ProcessHandle.current().pid(), "this load tool", clients, null);
        server.requireRoomFor(clients);
        // A key of its own per run: a late event of an earlier run can never count here.
        String key = String.format(Locale.ROOT, "load.%08x", ThreadLocalRandom.current().nextInt());
        long before = settings.memory() ? memory(server) : 0;
        OptionalLong erlangBefore =
                settings.memory() && !server.isJvm()
                        ? RabbitMq.erlangMemoryBytes()
                        : OptionalLong.empty();
        try (ClientFleet fleet =
                new ClientFleet(server.dialect(settings.exchange(), key), clients)) {
            log.printf(
                    Locale.ROOT,
                    "  %s: subscribing %,d clients to %s%n",
                    server.kind().key(),
                    clients,
                    key);
            ProcStat beforeSubscribe = ProcStat.read(server.pid());
            double subscribeSeconds =
                    fleet.subscribe(settings.connectConcurrency(), settings.subscribeTimeout())
                                    .toNanos()
                            / 1e9;
            // The load generator shares the machine: the server's own CPU says what subscribing
            // costs the server, whatever the generator's speed.
            double subscribeServerCpu =
                    ProcStat.read(server.pid()).microsSince(beforeSubscribe, ticksPerSecond) / 1e6;
            log.printf(
                    Locale.ROOT,
                    "  %s: subscribed in %.2f s (server CPU %.2f s)%n",
                    server.kind().key(),
                    subscribeSeconds,
                    subscribeServerCpu);
            MemoryMeasure memory = null;
            MemoryMeasure erlang = null;
            if (settings.memory()) {
                OptionalLong erlangAfter =
                        erlangBefore.isPresent()
                                ? RabbitMq.erlangMemoryBytes()
                                : OptionalLong.empty();
                if (erlangAfter.isPresent()) {
                    erlang =
                            new MemoryMeasure(
                                    "erlang",
                                    erlangBefore.getAsLong(),
                                    erlangAfter.getAsLong(),
                                    clients);
                    log.printf(
                            Locale.ROOT,
                            "  %s: erlang:memory(total) per idle watching connection %.1f KB%n",
                            server.kind().key(),
                            erlang.perConnectionBytes() / 1024);
                }
                memory =
                        new MemoryMeasure(
                                server.isJvm() ? "heap" : "rss", before, memory(server), clients);
                log.printf(
                        Locale.ROOT,
                        "  %s: %s per idle watching connection %.1f KB%n",
                        server.kind().key(),
                        memory.basis(),
                        memory.perConnectionBytes() / 1024);
            }
            if (settings.detached() > 0) {
                leaveDetached(server, key);
            }
            PhaseMeasure flood = null;
            PhaseMeasure paced = null;
            if (settings.flood() || settings.paced()) {
                try (EventPublisher publisher =
                        new EventPublisher(
                                amqpUri, settings.exchange(), key, settings.bodyBytes())) {
                    if (settings.warmupEvents() > 0) {
                        Phase warmup = fleet.startPhase(WARMUP);
                        long events =
                                publisher
                                        .flood(
                                                WARMUP,
                                                settings.warmupEvents(),
                                                settings.confirmBatch())
                                        .events();
                        warmup.awaitDeliveries(events * clients, settings.stall());
                    }
                    if (settings.flood()) {
                        flood =
                                measure(
                                        "flood",
                                        server,
                                        fleet,
                                        () ->
                                                publisher.flood(
                                                        FLOOD,
                                                        settings.floodEvents(),
                                                        settings.confirmBatch()),
                                        FLOOD);
                    }
                    if (settings.paced()) {
                        paced =
                                measure(
                                        "paced",
                                        server,
                                        fleet,
                                        () ->
                                                publisher.paced(
                                                        PACED,
                                                        settings.rate(),
                                                        settings.pacedDuration()),
                                        PACED);
                    }
                }
            }
            return new ServerRun(
                    server.kind().key(),
                    repeat,
                    clients,
                    subscribeSeconds,
                    subscribeServerCpu,
                    memory,
                    erlang,
                    flood,
                    paced,
                    fleet.unexpectedCloses(),
                    fleet.closeReasons(),
                    ProcStatus.rssBytes(server.pid()),
                    null);
        }
    }

    /**
     * Subscribes {@code settings.detached()} more gateway clients to the same key and drops their
     * connections without ending their sessions: each session then waits for a resume and keeps
     * what it misses, which is what a mass reconnect leaves behind.
     */
    private void leaveDetached(ServerUnderTest server, String key) throws Exception {
        int count = settings.detached();
        if (!server.kind().hasSessions()) {
            throw new IllegalArgumentException(
                    server.kind().title() + " has no sessions to detach");
        }
        server.requireRoomFor(settings.clients() + count);
        try (ClientFleet leaving =
                new ClientFleet(server.dialect(settings.exchange(), key), count)) {
            leaving.subscribe(settings.connectConcurrency(), settings.subscribeTimeout());
        }
        log.printf(
                Locale.ROOT,
                "  %s: %,d sessions detached (awaiting resume)%n",
                server.kind().key(),
                count);
    }

    private interface Publish {
        EventPublisher.Published publish() throws Exception;
    }

    private PhaseMeasure measure(
            String name, ServerUnderTest server, ClientFleet fleet, Publish publish, int id)
            throws Exception {
        OptionalLong broker = RabbitMq.pid();
        Phase phase = fleet.startPhase(id);
        long fromMillis = System.currentTimeMillis();
        long self = ProcessHandle.current().pid();
        ProcStat serverBefore = ProcStat.read(server.pid());
        ProcStat brokerBefore = broker.isPresent() ? ProcStat.read(broker.getAsLong()) : null;
        ProcStat selfBefore = ProcStat.read(self);
        long machineBefore = MachineCpu.busyTicks();
        long startNanos = System.nanoTime();
        EventPublisher.Published published = publish.publish();
        boolean complete =
                phase.awaitDeliveries(published.events() * fleet.size(), settings.stall());
        ProcStat serverAfter = ProcStat.read(server.pid());
        ProcStat brokerAfter = broker.isPresent() ? ProcStat.read(broker.getAsLong()) : null;
        ProcStat selfAfter = ProcStat.read(self);
        long machineAfter = MachineCpu.busyTicks();
        double windowSeconds = (System.nanoTime() - startNanos) / 1e9;
        long toMillis = System.currentTimeMillis();
        Phase.Result result = phase.result(published.events());
        double serverCpu = serverAfter.microsSince(serverBefore, ticksPerSecond);
        double brokerCpu =
                brokerBefore == null ? 0 : brokerAfter.microsSince(brokerBefore, ticksPerSecond);
        long deliveries = Math.max(1, result.deliveries());
        double loadGeneratorCpu = selfAfter.microsSince(selfBefore, ticksPerSecond);
        double machineCpu = (machineAfter - machineBefore) * 1e6 / ticksPerSecond;
        boolean brokerIsServer = broker.isPresent() && broker.getAsLong() == server.pid();
        // what neither the server, the broker nor this tool used: other work on the machine
        double otherCores =
                Math.max(
                                0,
                                machineCpu
                                        - serverCpu
                                        - (brokerIsServer ? 0 : brokerCpu)
                                        - loadGeneratorCpu)
                        / 1e6
                        / windowSeconds;
        Integer pauses = null;
        Double maxPause = null;
        if (server.gcLog().isPresent()) {
            List<GcPause> window =
                    GcLog.within(GcLog.read(server.gcLog().get()), fromMillis, toMillis);
            pauses = window.size();
            maxPause = window.stream().mapToDouble(GcPause::millis).max().orElse(0);
        }
        PhaseMeasure measure =
                new PhaseMeasure(
                        name,
                        published.events(),
                        published.seconds(),
                        complete,
                        result,
                        serverCpu,
                        brokerCpu,
                        serverCpu / deliveries,
                        brokerCpu / deliveries,
                        loadGeneratorCpu / deliveries,
                        otherCores,
                        pauses,
                        maxPause);
        log.printf(
                Locale.ROOT,
                "  %s: %s %,d events -> %,d deliveries%s, %,.0f/s, p50 %.1f p99 %.1f max %.1f ms,"
                        + " server CPU %.1f us/delivery, lost %d dup %d disorder %d%s, other processes"
                        + " used %.2f cores%n",
                server.kind().key(),
                name,
                published.events(),
                result.deliveries(),
                complete ? "" : " (INCOMPLETE)",
                result.deliveredPerSecond(),
                result.p50Millis(),
                result.p99Millis(),
                result.maxMillis(),
                measure.serverCpuPerDeliveryMicros(),
                result.lost(),
                result.duplicates(),
                result.orderViolations(),
                pauses == null
                        ? ""
                        : String.format(
                                Locale.ROOT, ", GC pauses %d (max %.1f ms)", pauses, maxPause),
                otherCores);
        return measure;
    }

    private static long memory(ServerUnderTest server) {
        return server.isJvm()
                ? Jcmd.heapAfterFullGc(server.pid())
                : ProcStatus.rssBytes(server.pid());
    }
}
