package io.monorail.ws.adapter.jetty;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings one client at a fixed interval and closes it when nothing has come from it for the idle
 * timeout.
 *
 * <p>Jetty's own idle timeout counts writes as activity, so the pings themselves would keep a dead
 * peer's connection open forever: this class therefore judges liveness by what the client sends
 * (any message, ping or pong), not by what the server writes.
 */
final class Heartbeat {
    static final int GOING_AWAY = 1001;

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final Session session;
    private final JettyClientConnection connection;
    private final long idleNanos;
    private final ScheduledFuture<?> task;
    private volatile long lastHeardNanos = System.nanoTime();

    private Heartbeat(
            ScheduledExecutorService scheduler,
            Duration interval,
            Duration idleTimeout,
            Session session,
            JettyClientConnection connection) {
        this.session = session;
        this.connection = connection;
        this.idleNanos = idleTimeout.toNanos();
        long millis = interval.toMillis();
        this.task =
                scheduler.scheduleWithFixedDelay(this::beat, millis, millis, TimeUnit.MILLISECONDS);
    }

    static Heartbeat start(
            ScheduledExecutorService scheduler,
            JettyTransportConfig config,
            Session session,
            JettyClientConnection connection) {
        return new Heartbeat(
                scheduler, config.pingInterval(), config.idleTimeout(), session, connection);
    }

    /** Something arrived from the client. */
    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    void stop() {
        task.cancel(false);
    }

    private void beat() {
        try {
            if (connection.isClosing() || !session.isOpen()) {
                return;
            }
            if (System.nanoTime() - lastHeardNanos >= idleNanos) {
                LOG.debug("closing {}: silent for the idle timeout", connection.remoteAddress());
                connection.close(GOING_AWAY, "idle timeout");
                return;
            }
            session.sendPing(EMPTY.duplicate(), Callback.NOOP);
        } catch (RuntimeException e) {
            // An exception would end the repeating task; the close that follows cancels it anyway.
            LOG.debug("heartbeat for {} failed: {}", connection.remoteAddress(), e.toString());
        }
    }
}
