package io.monorail.ws.load.bare;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;

/** One subscriber of the bare server: joins its pattern's group on open, leaves it on close. */
public final class FanOutEndpoint implements Session.Listener.AutoDemanding {
    private final String pattern;
    private final Subscriptions subscriptions;
    private volatile Session session;
    private volatile CoreSession coreSession;

    FanOutEndpoint(String pattern, Subscriptions subscriptions) {
        this.pattern = pattern;
        this.subscriptions = subscriptions;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        this.coreSession = ((WebSocketSession) session).getCoreSession();
        subscriptions.add(pattern, this);
        session.sendText(BareFanOutServer.READY, Callback.NOOP);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        subscriptions.remove(pattern, this);
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        // a client went away mid-write: its close follows and removes it
    }

    Session session() {
        return session;
    }

    CoreSession coreSession() {
        return coreSession;
    }
}
