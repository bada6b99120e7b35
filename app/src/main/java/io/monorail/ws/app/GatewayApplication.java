package io.monorail.ws.app;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Provider;
import com.google.inject.ProvisionException;
import com.google.inject.name.Named;
import io.monorail.ws.adapter.jetty.JettyWebSocketServer;
import io.monorail.ws.adapter.jetty.TransportSecurity;
import io.monorail.ws.adapter.mongodb.MongoResourceStore;
import io.monorail.ws.adapter.rabbitmq.RabbitSessionStore;
import io.monorail.ws.domain.Gateway;
import io.monorail.ws.domain.auth.GatewaySecurity;
import io.monorail.ws.domain.catalog.ResourceCatalog;
import io.monorail.ws.domain.port.out.SessionStore;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole gateway, assembled: its services started in the order {@link #lifecycle} lists, and
 * stopped in reverse. Used by {@link Main} and by the end-to-end tests.
 */
public final class GatewayApplication implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayApplication.class);

    private final AmqpEndpoint broker;
    private final MongoEndpoint mongo;
    private final Provider<JettyWebSocketServer> server;
    private final GatewaySecurity security;
    private final Settings settings;
    private final Lifecycle lifecycle;

    @Inject
    GatewayApplication(
            AmqpEndpoint broker,
            MongoEndpoint mongo,
            Provider<MongoResourceStore> store,
            @Named("reads") Provider<ExecutorService> reads,
            Provider<SessionStore> sessions,
            Provider<Gateway> core,
            Housekeeping housekeeping,
            EventFeedModules.Feeds feeds,
            Provider<JettyWebSocketServer> server,
            GatewaySecurity security,
            Settings settings) {
        this.broker = broker;
        this.mongo = mongo;
        this.server = server;
        this.security = security;
        this.settings = settings;
        this.lifecycle =
                lifecycle(broker, mongo, store, reads, sessions, core, housekeeping, feeds, server);
    }

    /**
     * The start order. The servers first (the adapters are built with their URIs), then the store;
     * the gateway core before any feed, since building it makes it the feeds' sink; the transport
     * last, so that no client arrives before everything it uses is up.
     */
    private static Lifecycle lifecycle(
            AmqpEndpoint broker,
            MongoEndpoint mongo,
            Provider<MongoResourceStore> store,
            Provider<ExecutorService> reads,
            Provider<SessionStore> sessions,
            Provider<Gateway> core,
            Housekeeping housekeeping,
            EventFeedModules.Feeds feeds,
            Provider<JettyWebSocketServer> server) {
        List<Lifecycle.Step> steps = new ArrayList<>();
        steps.add(new Lifecycle.Step("the AMQP broker", broker));
        steps.add(new Lifecycle.Step("the MongoDB server", mongo));
        steps.add(
                new Lifecycle.Step(
                        "the document store",
                        Service.provided(
                                store, MongoResourceStore::start, MongoResourceStore::stop)));
        steps.add(
                new Lifecycle.Step(
                        "the read pool",
                        Service.provided(reads, pool -> {}, ExecutorService::shutdownNow)));
        steps.add(
                new Lifecycle.Step(
                        "the session store",
                        Service.provided(
                                sessions,
                                kept -> {},
                                kept -> {
                                    if (kept instanceof RabbitSessionStore shared) {
                                        shared.close();
                                    }
                                })));
        steps.add(
                new Lifecycle.Step(
                        "the gateway core", Service.provided(core, gateway -> {}, gateway -> {})));
        steps.add(new Lifecycle.Step("housekeeping", housekeeping));
        steps.addAll(feeds.steps());
        steps.add(
                new Lifecycle.Step(
                        "the WebSocket server",
                        Service.provided(
                                server, JettyWebSocketServer::start, JettyWebSocketServer::stop)));
        return new Lifecycle(steps);
    }

    /**
     * Assembles a gateway from settings: embedded servers unless external ones are configured. What
     * is built from settings alone (TLS files, JWT keys, access policy, catalog) is built here, so
     * a bad one fails before any server starts.
     *
     * @throws Settings.SettingsException when such a file or key cannot be used
     */
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
        try {
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
            injector.getInstance(TransportSecurity.class);
            injector.getInstance(ResourceCatalog.class);
            return injector.getInstance(GatewayApplication.class);
        } catch (ProvisionException | CreationException e) {
            // Guice wraps what a provider throws; the cause says what is wrong.
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Starts everything, in order. A port already taken fails here with a message naming it, after
     * whatever had started is stopped again. An unreachable external broker or store does not: the
     * gateway starts, reports 503 on {@code /health}, and keeps trying.
     *
     * @throws IllegalStateException "cannot start ...: why", or when already started
     */
    public synchronized void start() {
        lifecycle.start();
        announceSecurity();
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

    /** The services' names in start order (stopped in reverse), for tests. */
    List<String> startOrder() {
        return lifecycle.names();
    }

    /** Stops everything, the transport first; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (lifecycle.isRunning()) {
            LOG.info("stopping");
        }
        lifecycle.stop();
    }

    /** Says how clients are admitted, loudly when anyone on the network could connect. */
    private void announceSecurity() {
        boolean required = security.authentication().isRequired();
        LOG.info("authentication: {}", required ? "JWT required" : "none");
        OpenAccessWarning.check(settings.host(), required).ifPresent(LOG::warn);
    }

    private JettyWebSocketServer running() {
        if (!lifecycle.isRunning()) {
            throw new IllegalStateException("not started");
        }
        return server.get();
    }
}
