package io.monorail.ws.adapter.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** A Jetty client endpoint that records what the server sends. Public: Jetty requires it. */
public final class TestClient implements Session.Listener.AutoDemanding {
    /** How a connection ended, as the client saw it. */
    record Close(int code, String reason) {}

    final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    final CompletableFuture<Close> closed = new CompletableFuture<>();
    private volatile Session session;

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
    }

    @Override
    public void onWebSocketText(String message) {
        texts.add(message);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        // Expected in tests that provoke failures; the close records the outcome.
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        closed.complete(new Close(statusCode, reason));
        callback.succeed();
    }

    Session session() {
        return session;
    }

    String nextText() throws InterruptedException {
        String text = texts.poll(5, TimeUnit.SECONDS);
        assertThat(text).as("the server sent a text frame").isNotNull();
        return text;
    }

    Close awaitClose() throws Exception {
        return closed.get(5, TimeUnit.SECONDS);
    }
}
