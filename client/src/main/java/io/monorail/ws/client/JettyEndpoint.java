package io.monorail.ws.client;

import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Jetty's view of one client connection: hands what happens on it to {@link Transport.Events}.
 * Public only because Jetty calls it reflectively; not part of the client's API.
 */
public final class JettyEndpoint implements Session.Listener.AutoDemanding {
    private final Transport.Events events;

    JettyEndpoint(Transport.Events events) {
        this.events = events;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        events.opened(JettyTransport.link(session));
    }

    @Override
    public void onWebSocketText(String text) {
        events.text(text);
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        events.pong();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        events.failed(cause);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        events.closed(statusCode, reason);
        callback.succeed();
    }
}
