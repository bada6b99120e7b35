package io.monorail.ws.adapter.jetty;

import io.monorail.ws.domain.port.Principal;
import io.monorail.ws.domain.port.in.ClientGateway;
import io.monorail.ws.domain.port.in.ClientSession;
import io.monorail.ws.domain.port.in.Handshake;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.WebSocketException;
import org.eclipse.jetty.websocket.api.exceptions.WebSocketTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty endpoint of one client connection: connects it to the {@link ClientGateway} and feeds the
 * returned {@link ClientSession} its frames and, once, its close.
 *
 * <p>Public only because Jetty calls it reflectively; created by {@link JettyWebSocketServer}.
 *
 * <p>Jetty delivers a connection's frames one at a time, but it may report the close from another
 * thread while a frame is being handled, and even synchronously inside {@code
 * ClientConnection.close} or a failing {@code send}. So every call into the session takes one lock,
 * and a close reported on a thread that is inside the session's own call is handed to the
 * transport's scheduler: the session never sees two calls overlap nor an {@code onClose} nested in
 * its own call.
 */
public final class JettyClientEndpoint implements Session.Listener {
    static final int INTERNAL_ERROR = 1011;
    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private static final Logger LOG = LoggerFactory.getLogger(JettyClientEndpoint.class);

    private final ClientGateway gateway;
    private final String channel;
    private final Principal principal;
    private final JettyTransportConfig config;
    private final ScheduledExecutorService scheduler;
    // Gives back the connection's slot under the connection limits; run once, at the close.
    private final Runnable released;

    // Serializes every call into the session, the close included.
    private final ReentrantLock inbound = new ReentrantLock();
    // Guarded by inbound.
    private ClientSession clientSession;
    private boolean closed;

    private final OpenConnections open;
    private volatile Session jettySession;
    private volatile JettyClientConnection connection;
    private volatile Heartbeat heartbeat;

    JettyClientEndpoint(
            ClientGateway gateway,
            String channel,
            Principal principal,
            JettyTransportConfig config,
            ScheduledExecutorService scheduler,
            OpenConnections open,
            Runnable released) {
        this.gateway = gateway;
        this.open = open;
        this.channel = channel;
        this.principal = principal;
        this.config = config;
        this.scheduler = scheduler;
        this.released = released;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        jettySession = session;
        connection =
                new JettyClientConnection(
                        session,
                        describe(session.getRemoteSocketAddress()),
                        config.maxOutgoingBytes());
        open.opened(connection);
        heartbeat = Heartbeat.start(scheduler, config, session, connection);
        LOG.debug("opened {} on {}", connection.remoteAddress(), path());
        serially(
                () ->
                        clientSession =
                                gateway.connect(new Handshake(connection, channel, principal)));
        session.demand();
    }

    @Override
    public void onWebSocketText(String text) {
        heartbeat.heard();
        AtomicReference<CompletionStage<Void>> handled = new AtomicReference<>(DONE);
        deliver(session -> handled.set(session.onText(text)));
        handled.get().whenComplete((ok, failure) -> demandNext());
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        heartbeat.heard();
        callback.succeed();
        deliver(ClientSession::onBinary);
        demandNext();
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        heartbeat.heard();
        demandNext();
    }

    @Override
    public void onWebSocketPing(ByteBuffer payload) {
        // Overriding this turns off Jetty's automatic pong, so answer here.
        heartbeat.heard();
        JettyClientConnection current = connection;
        if (current != null && !current.isClosing()) {
            current.pong(payload);
        }
        demandNext();
    }

    private void demandNext() {
        // Also when we are closing: the peer's close reply is a frame that needs demand too.
        Session session = jettySession;
        if (session != null) {
            try {
                session.demand();
            } catch (IllegalStateException alreadyClosed) {
                LOG.debug("no demand after close: {}", alreadyClosed.toString());
            }
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        if (cause instanceof WebSocketTimeoutException || cause instanceof IOException) {
            // Clients vanish (EOF, reset, closed channel) all the time: not worth a warning.
            LOG.debug("{} on {} went away: {}", who(), path(), cause.toString());
        } else if (cause instanceof WebSocketException) {
            // A protocol violation or an oversized message: the client's fault, no stack trace.
            LOG.warn("{} on {}: {}", who(), path(), cause.toString());
        } else {
            LOG.warn("{} on {} failed", who(), path(), cause);
        }
        closeOnce();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        if (connection != null) {
            LOG.debug(
                    "closed {} on {}: {} {}",
                    connection.remoteAddress(),
                    path(),
                    statusCode,
                    reason);
        }
        closeOnce();
        callback.succeed();
    }

    private void deliver(Consumer<ClientSession> call) {
        serially(
                () -> {
                    // No session when connect failed; and once the connection is closing, what
                    // the client still sends is of no use.
                    if (clientSession != null && !connection.isClosing()) {
                        call.accept(clientSession);
                    }
                });
    }

    private void serially(Runnable call) {
        inbound.lock();
        try {
            if (closed) {
                return;
            }
            call.run();
        } catch (RuntimeException e) {
            LOG.error("the session of {} failed", who(), e);
            connection.close(INTERNAL_ERROR, "internal error");
        } finally {
            inbound.unlock();
        }
    }

    private void closeOnce() {
        JettyClientConnection current = connection;
        if (current != null) {
            current.markClosed();
            open.closed(current);
        }
        boolean insideACall =
                inbound.isHeldByCurrentThread() || (current != null && current.isCallingThread());
        if (insideACall) {
            // Jetty reported the close synchronously inside the session's own call (a close or a
            // failed send): tell the session from another thread, once that call has returned.
            try {
                scheduler.execute(this::notifyClosed);
                return;
            } catch (RejectedExecutionException stopping) {
                // The server is stopping: better a re-entrant onClose than none.
            }
        }
        notifyClosed();
    }

    private void notifyClosed() {
        inbound.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            released.run();
            if (heartbeat != null) {
                heartbeat.stop();
            }
            if (clientSession != null) {
                clientSession.onClose();
            }
        } catch (RuntimeException e) {
            LOG.error("closing the session of {} failed", who(), e);
        } finally {
            inbound.unlock();
        }
    }

    private String path() {
        return channel == null ? "/" : "/" + channel;
    }

    private String who() {
        JettyClientConnection current = connection;
        return current == null ? "a client" : current.remoteAddress();
    }

    static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String host = inet.getAddress().getHostAddress();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
