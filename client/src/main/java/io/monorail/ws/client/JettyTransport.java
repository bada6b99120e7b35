package io.monorail.ws.client;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Transport} on Jetty 12's WebSocket client. One Jetty client per {@code
 * MonorailClient}, started on the first connect, on daemon threads (a client that is never closed
 * does not keep the JVM alive).
 */
final class JettyTransport implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(JettyTransport.class);
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    /** How Jetty is set up. */
    record Settings(
            String threadName,
            Duration connectTimeout,
            Duration idleTimeout,
            long maxFrameBytes,
            Map<String, List<String>> headers) {}

    private final Settings settings;
    // Guarded by this; null until the first connect and after close.
    private WebSocketClient client;
    private boolean closed;

    JettyTransport(Settings settings) {
        this.settings = settings;
    }

    @Override
    public CompletableFuture<?> connect(URI uri, Events events) {
        try {
            ClientUpgradeRequest upgrade = new ClientUpgradeRequest(uri);
            settings.headers().forEach(upgrade::setHeader);
            return started().connect(new JettyEndpoint(events), upgrade);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private synchronized WebSocketClient started() throws Exception {
        if (closed) {
            throw new IllegalStateException("client closed");
        }
        if (client == null) {
            QueuedThreadPool threads = new QueuedThreadPool(8, 1);
            threads.setName(settings.threadName());
            threads.setDaemon(true);
            HttpClient http = new HttpClient();
            http.setExecutor(threads);
            http.setScheduler(
                    new ScheduledExecutorScheduler(settings.threadName() + "-scheduler", true));
            http.setConnectTimeout(settings.connectTimeout().toMillis());
            WebSocketClient candidate = new WebSocketClient(http);
            candidate.setIdleTimeout(settings.idleTimeout());
            candidate.setMaxTextMessageSize(settings.maxFrameBytes());
            candidate.setStopAtShutdown(false);
            candidate.start();
            client = candidate;
        }
        return client;
    }

    @Override
    public void close() {
        WebSocketClient stopping;
        synchronized (this) {
            closed = true;
            stopping = client;
            client = null;
        }
        if (stopping != null) {
            LifeCycle.stop(stopping);
        }
    }

    /** A Jetty session as a {@link Transport.Link}. */
    private record JettyLink(Session session) implements Link {
        private static final Callback LOG_FAILURE =
                Callback.from(
                        () -> {}, failure -> LOG.debug("send failed: {}", failure.toString()));

        @Override
        public void send(String text) {
            try {
                session.sendText(text, LOG_FAILURE);
            } catch (RuntimeException e) {
                LOG.debug("send failed: {}", e.toString());
            }
        }

        @Override
        public void ping() {
            try {
                session.sendPing(EMPTY.duplicate(), Callback.NOOP);
            } catch (RuntimeException e) {
                LOG.debug("ping failed: {}", e.toString());
            }
        }

        @Override
        public void close(int code, String reason) {
            try {
                session.close(code, reason, Callback.NOOP);
            } catch (RuntimeException e) {
                LOG.debug("close failed: {}", e.toString());
            }
        }

        @Override
        public void abort() {
            try {
                session.disconnect();
            } catch (RuntimeException e) {
                LOG.debug("disconnect failed: {}", e.toString());
            }
        }
    }

    static Link link(Session session) {
        return new JettyLink(session);
    }
}
