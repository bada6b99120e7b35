package io.monorail.ws.load.client;

import io.monorail.ws.load.event.EventBody;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** One WebSocket client of the fleet: subscribes through its dialect and reports deliveries. */
public final class LoadClient implements Session.Listener.AutoDemanding, Subscriber {
    private final int index;
    private final Dialect dialect;
    private final ClientFleet fleet;
    private final CompletableFuture<LoadClient> ready = new CompletableFuture<>();
    private volatile Session session;
    private Dialect.Conversation conversation;
    private volatile String closeReason;

    LoadClient(int index, Dialect dialect, ClientFleet fleet) {
        this.index = index;
        this.dialect = dialect;
        this.fleet = fleet;
    }

    /** Completes when the server confirmed the subscription; fails if it refused. */
    public CompletableFuture<LoadClient> subscription() {
        return ready;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        conversation = dialect.start(this);
    }

    @Override
    public void onWebSocketText(String text) {
        conversation.received(text);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        closeReason = statusCode + " " + reason;
        fleet.closed(this, statusCode, reason);
        ready.completeExceptionally(
                new IllegalStateException("closed before subscribed: " + closeReason));
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        ready.completeExceptionally(cause);
    }

    @Override
    public void send(String text) {
        Session current = session;
        if (current != null && current.isOpen()) {
            current.sendText(text, Callback.NOOP);
        }
    }

    @Override
    public void subscribed() {
        ready.complete(this);
    }

    @Override
    public boolean delivered(String text) {
        EventBody.Fields fields = EventBody.find(text);
        if (fields == null) {
            return false;
        }
        Phase phase = fleet.phase();
        if (phase != null) {
            phase.record(index, fields, EventBody.nowMicros(), System.nanoTime());
        }
        return true;
    }

    @Override
    public void failed(String why) {
        fleet.failed(this, why);
        ready.completeExceptionally(new IllegalStateException(why));
    }

    /** Sends the dialect's keep-alive text, if it has one. */
    void keepAlive() {
        String text = dialect.keepAlive();
        if (text != null) {
            send(text);
        }
    }

    /** Closes the connection now, without a close handshake. */
    void disconnect() {
        Session current = session;
        if (current != null) {
            current.disconnect();
        }
    }

    /** The local IP address of the connection, or null before it opened. */
    String localAddress() {
        Session current = session;
        if (current != null
                && current.getLocalSocketAddress() instanceof java.net.InetSocketAddress local) {
            return local.getAddress().getHostAddress();
        }
        return null;
    }

    int index() {
        return index;
    }
}
