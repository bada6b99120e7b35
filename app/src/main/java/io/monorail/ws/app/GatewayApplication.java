package io.monorail.ws.app;

import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Provider;
import com.google.inject.name.Names;
import io.monorail.ws.adapter.jetty.JettyWebSocketServer;
import io.monorail.ws.adapter.mongodb.MongoChangeStreamFeed;
import io.monorail.ws.adapter.mongodb.MongoResourceStore;
import io.monorail.ws.adapter.rabbitmq.RabbitEventFeed;
import io.monorail.ws.domain.Gateway;
import io.monorail.ws.domain.auth.GatewaySecurity;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole gateway, assembled: starts the servers it talks to (when embedded), then the store and
 * the feed, then the transport; stops them in reverse. Used by {@link Main} and by the end-to-end
 * tests.
 */
public final class GatewayApplication implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayApplication.class);

    private final AmqpEndpoint broker;
    private final MongoEndpoint mongo;
    private final Provider<RabbitEventFeed> feed;
    private final Provider<MongoResourceStore> store;
    private final Provider<JettyWebSocketServer> server;
    private final Provider<ExecutorService> reads;
    private final Provider<Gateway> core;
    private final Injector injector;
    private final Deque<Runnable> stops = new ArrayDeque<>();
    private JettyWebSocketServer started;

    @Inject
    GatewayApplication(
            AmqpEndpoint broker,
            MongoEndpoint mongo,
            Provider<RabbitEventFeed> feed,
            Provider<MongoResourceStore> store,
            Provider<JettyWebSocketServer> server,
            Provider<Gateway> core,
            Injector injector) {
        this.broker = broker;
        this.mongo = mongo;
        this.feed = feed;
        this.store = store;
        this.server = server;
        this.core = core;
        this.injector = injector;
        this.reads = injector.getProvider(Key.get(ExecutorService.class, Names.named("reads")));
    }

    /** Assembles a gateway from settings: embedded servers unless external ones are configured. */
    public static GatewayApplication create(Settings settings) {
        Module amqp =
                settings.amqpUri()
                        .<Module>map(EndpointModules.ExternalAmqp::new)
                        .orElseGet(
                                () ->
                                        new EndpointModules.EmbeddedAmqp(
                                                settings.embeddedAmqpPort()));
        Module mongo =
                settings.mongoUri()
                        .<Module>map(EndpointModules.ExternalMongo::new)
                        .orElseGet(
                                () ->
                                        new EndpointModules.EmbeddedMongo(
                                                settings.embeddedMongoPort(),
                                                settings.embeddedMongoFile().orElse(null),
                                                settings.changeStreams()));
        Injector injector =
                Guice.createInjector(
                        List.of(
                                amqp,
                                mongo,
                                new GatewayModule(settings),
                                settings.jwtAuth()
                                        ? new SecurityModules.Jwt()
                                        : new SecurityModules.None(),
                                new RabbitModule(),
                                settings.changeStreams()
                                        ? new EventFeedModules.ChangeStreams()
                                        : new EventFeedModules.Waterline(),
                                new MongoModule(),
                                new JettyModule(),
                                new MetricsModule()));
        return injector.getInstance(GatewayApplication.class);
    }

    /**
     * Starts everything. A port already taken fails here with a message naming it, after whatever
     * had started is stopped again. An unreachable external broker or store does not: the gateway
     * starts, reports 503 on {@code /health}, and keeps trying.
     */
    public synchronized void start() {
        if (started != null) {
            throw new IllegalStateException("already started");
        }
        try {
            broker.start();
            stops.push(broker::stop);
            mongo.start();
            stops.push(mongo::stop);
            MongoResourceStore documents = store.get();
            documents.start();
            stops.push(documents::stop);
            RabbitEventFeed events = feed.get();
            events.start();
            stops.push(events::stop);
            if (injector.getExistingBinding(Key.get(MongoChangeStreamFeed.class)) != null) {
                MongoChangeStreamFeed records = injector.getInstance(MongoChangeStreamFeed.class);
                core.get(); // the gateway sets the feeds' sink before they deliver
                records.start();
                stops.push(records::stop);
            }
            stops.push(() -> reads.get().shutdownNow());
            ScheduledExecutorService housekeeping = housekeeping(core.get());
            stops.push(housekeeping::shutdownNow);
            JettyWebSocketServer transport = server.get();
            transport.start();
            stops.push(transport::stop);
            started = transport;
            announceSecurity();
        } catch (RuntimeException e) {
            stopAll();
            throw e;
        }
    }

    /** The WebSocket endpoint, e.g. {@code ws://127.0.0.1:9100/}. */
    public synchronized URI webSocketUri() {
        return running().uri();
    }

    public synchronized int port() {
        return running().port();
    }

    /** The AMQP broker the gateway reads from (may hold credentials). */
    public URI amqpUri() {
        return URI.create(broker.uri());
    }

    /** The MongoDB the gateway reads from (may hold credentials). */
    public String mongoUri() {
        return mongo.uri();
    }

    /** What the gateway listens on and is connected to, for the startup banner. */
    public String describe() {
        URI uri = webSocketUri();
        return "monorail-ws listening on "
                + uri
                + " (health: "
                + (uri.getScheme().equals("wss") ? "https" : "http")
                + "://"
                + uri.getAuthority()
                + "/health)\n"
                + broker.describe()
                + "\n"
                + mongo.describe();
    }

    @Override
    public synchronized void close() {
        if (started != null) {
            LOG.info("stopping");
        }
        stopAll();
        started = null;
    }

    /** Says how clients are admitted, loudly when anyone on the network could connect. */
    private void announceSecurity() {
        GatewaySecurity security = injector.getInstance(GatewaySecurity.class);
        boolean required = security.authentication().isRequired();
        LOG.info("authentication: {}", required ? "JWT required" : "none");
        OpenAccessWarning.check(injector.getInstance(Settings.class).host(), required)
                .ifPresent(LOG::warn);
    }

    /**
     * Once a second: ends sessions whose grace period is over, and closes connections whose token
     * expired.
     */
    private static ScheduledExecutorService housekeeping(Gateway gateway) {
        ScheduledExecutorService scheduler =
                Executors.newSingleThreadScheduledExecutor(
                        task -> {
                            Thread thread = new Thread(task, "monorail-housekeeping");
                            thread.setDaemon(true);
                            return thread;
                        });
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        gateway.expireSessions();
                        gateway.closeExpired();
                    } catch (RuntimeException e) {
                        LOG.warn("expiring sessions failed", e);
                    }
                },
                1,
                1,
                TimeUnit.SECONDS);
        return scheduler;
    }

    private JettyWebSocketServer running() {
        if (started == null) {
            throw new IllegalStateException("not started");
        }
        return started;
    }

    private void stopAll() {
        while (!stops.isEmpty()) {
            try {
                stops.pop().run();
            } catch (RuntimeException e) {
                LOG.warn("error while stopping: {}", e.toString());
            }
        }
    }
}
