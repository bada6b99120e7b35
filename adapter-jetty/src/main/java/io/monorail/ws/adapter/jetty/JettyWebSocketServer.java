package io.monorail.ws.adapter.jetty;

import io.monorail.ws.domain.port.in.ClientGateway;
import io.monorail.ws.protocol.CloseCode;
import io.monorail.ws.protocol.NamedThreads;
import java.net.BindException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's network face: a Jetty 12 server that upgrades {@code ws://host:port/[channel]} (or
 * {@code wss://} with TLS) to a WebSocket connected to the {@link ClientGateway}, once {@link
 * UpgradeGate} let it in, and serves plain HTTP ({@code /health}) on the same port. Nothing listens
 * until {@link #start()}.
 */
public final class JettyWebSocketServer {
    private static final Logger LOG = LoggerFactory.getLogger(JettyWebSocketServer.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);

    private final JettyTransportConfig config;
    private final TransportSecurity security;
    private final ClientGateway gateway;
    private final Supplier<String> metrics;

    // Guarded by this; all null while stopped.
    private Server server;
    private ServerConnector connector;
    private OpenConnections open;
    private ScheduledThreadPoolExecutor scheduler;

    public JettyWebSocketServer(
            JettyTransportConfig config, TransportSecurity security, ClientGateway gateway) {
        this(config, security, gateway, null);
    }

    /**
     * @param metrics the Prometheus text served on {@code GET /metrics}, or null to serve none
     */
    public JettyWebSocketServer(
            JettyTransportConfig config,
            TransportSecurity security,
            ClientGateway gateway,
            Supplier<String> metrics) {
        this.config = Objects.requireNonNull(config, "config");
        this.security = Objects.requireNonNull(security, "security");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.metrics = metrics;
    }

    /** A server with the default transport security: same origin only, no TLS. */
    public JettyWebSocketServer(JettyTransportConfig config, ClientGateway gateway) {
        this(config, TransportSecurity.defaults(), gateway);
    }

    /**
     * Binds the port and starts serving.
     *
     * @throws IllegalStateException when the port is already in use or the server cannot start for
     *     another reason (nothing is left running then), or when already started
     */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("already started on port " + port());
        }
        ScheduledThreadPoolExecutor transportScheduler = newScheduler();
        Server candidate = new Server(newThreadPool());
        // Graceful stop: Jetty closes open WebSocket sessions with 1001 before dropping them.
        candidate.setStopTimeout(STOP_TIMEOUT.toMillis());
        ServerConnector candidateConnector = newConnector(candidate);
        candidate.addConnector(candidateConnector);
        OpenConnections candidateOpen = new OpenConnections();
        WebSocketUpgradeHandler upgrades =
                WebSocketUpgradeHandler.from(
                        candidate,
                        container -> configure(container, transportScheduler, candidateOpen));
        upgrades.setHandler(new PlainHttpHandler(gateway, metrics, WebAssets.fromClassPath()));
        candidate.setHandler(upgrades);
        try {
            candidate.start();
        } catch (Exception e) {
            stopQuietly(candidate);
            transportScheduler.shutdownNow();
            throw startFailure(e);
        }
        server = candidate;
        connector = candidateConnector;
        open = candidateOpen;
        scheduler = transportScheduler;
        if (config.pingInterval().compareTo(config.idleTimeout()) >= 0) {
            LOG.warn(
                    "ping interval {} is not below the idle timeout {}: quiet clients will be closed",
                    config.pingInterval(),
                    config.idleTimeout());
        }
        LOG.info("listening on {}", uri());
    }

    /**
     * Closes every WebSocket with 1012 ("gateway restarting": reconnect, to another instance if
     * need be, at once), waits briefly (about 2 s at most) for the closes to go out, and releases
     * the port. Does nothing when not started.
     */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            // Jetty's own graceful stop would say 1001 (going away), which tells a client nothing
            // about coming back; 1012 is the code for a restart.
            open.closeAll(CloseCode.SERVICE_RESTART);
            server.stop();
        } catch (Exception e) {
            LOG.warn("stopping the WebSocket server failed", e);
        } finally {
            // Pings are cancelled; close notifications handed over while stopping still run.
            scheduler.shutdown();
            awaitQuietly(scheduler);
            server = null;
            connector = null;
            open = null;
            scheduler = null;
        }
    }

    /** The port actually bound, useful when the configured port is 0. */
    public synchronized int port() {
        if (connector == null) {
            throw new IllegalStateException("not started");
        }
        return connector.getLocalPort();
    }

    /**
     * The WebSocket address of the root path, {@code ws://host:port/} ({@code wss://} with TLS),
     * with the host as given.
     */
    public URI uri() {
        String host = config.host();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]"; // IPv6 literal
        }
        String scheme = security.tls() == null ? "ws" : "wss";
        return URI.create(scheme + "://" + host + ":" + port() + "/");
    }

    private void configure(
            ServerWebSocketContainer container,
            ScheduledThreadPoolExecutor transportScheduler,
            OpenConnections connections) {
        container.setIdleTimeout(config.idleTimeout());
        container.setMaxTextMessageSize(config.maxFrameBytes());
        container.setMaxBinaryMessageSize(config.maxFrameBytes());
        container.setMaxOutgoingFrames(config.maxOutgoingFrames());
        container.addMapping(
                "/*", new UpgradeGate(gateway, config, security, transportScheduler, connections));
    }

    private ServerConnector newConnector(Server owner) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector result;
        if (security.tls() == null) {
            result = new ServerConnector(owner, new HttpConnectionFactory(http));
        } else {
            // Clients reach the gateway by IP as often as by name: no SNI host check.
            http.addCustomizer(new SecureRequestCustomizer(false));
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStore(security.tls().keyStore());
            tls.setKeyStorePassword(security.tls().password());
            tls.setKeyManagerPassword(security.tls().password());
            result =
                    new ServerConnector(
                            owner,
                            new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()),
                            new HttpConnectionFactory(http));
        }
        result.setHost(config.host());
        result.setPort(config.port());
        return result;
    }

    private static QueuedThreadPool newThreadPool() {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("monorail-ws-jetty");
        return threads;
    }

    private static ScheduledThreadPoolExecutor newScheduler() {
        ScheduledThreadPoolExecutor executor =
                new ScheduledThreadPoolExecutor(
                        1, NamedThreads.daemonPool("monorail-ws-scheduler"));
        // Every closed connection cancels its task: do not keep them queued until they are due.
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    private IllegalStateException startFailure(Exception e) {
        String address = config.host() + ":" + config.port();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException bind) {
                // Also thrown for an address that is not this machine's: say which it was.
                String reason = String.valueOf(bind.getMessage());
                String message =
                        reason.contains("in use")
                                ? "port "
                                        + config.port()
                                        + " on "
                                        + config.host()
                                        + " is already in use"
                                : "cannot bind " + address + ": " + reason;
                return new IllegalStateException(message, e);
            }
        }
        return new IllegalStateException(
                "could not start the WebSocket server on " + address + ": " + e.getMessage(), e);
    }

    private static void awaitQuietly(ScheduledThreadPoolExecutor executor) {
        try {
            if (!executor.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static void stopQuietly(Server failed) {
        try {
            failed.stop();
        } catch (Exception e) {
            LOG.debug("stopping a server that failed to start failed too", e);
        }
    }
}
