package io.monorail.ws.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.monorail.ws.protocol.Message;
import io.monorail.ws.protocol.MessageCodec;
import io.monorail.ws.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The server side of one client connection in a {@link FakeGateway}: records the frames the client
 * sends, sends frames, drops the connection. Public only because Jetty requires it.
 */
public final class FakeConnection implements Session.Listener.AutoDemanding {
    private static final MessageCodec CODEC = new MessageCodec();

    private final Consumer<FakeConnection> onOpen;
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile Session session;
    private volatile boolean muted;

    FakeConnection(Consumer<FakeConnection> onOpen) {
        this.onOpen = onOpen;
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        session = opened;
        onOpen.accept(this);
    }

    @Override
    public void onWebSocketText(String text) {
        try {
            received.add(CODEC.decode(text));
        } catch (ProtocolException e) {
            throw new AssertionError("the client sent a malformed frame: " + text, e);
        }
    }

    @Override
    public void onWebSocketPing(ByteBuffer payload) {
        // Overriding this turns Jetty's automatic pong off: answer unless muted.
        if (!muted) {
            session.sendPong(payload, Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        closed.complete(-1);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        closed.complete(statusCode);
        callback.succeed();
    }

    /** The next frame the client sent. */
    Message next() throws InterruptedException {
        Message frame = received.poll(FakeGateway.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(frame).as("the client sent a frame").isNotNull();
        return frame;
    }

    /** The next frame, which must have {@code handler}. */
    Message next(String handler) throws InterruptedException {
        Message frame = next();
        assertThat(frame.handler()).as("handler of %s", frame).isEqualTo(handler);
        return frame;
    }

    /** Reads the client's {@code init} and answers a fresh session {@code id}. */
    Message acceptInit(String id) throws InterruptedException {
        Message init = next("init");
        send("{'handler':'session','id':'" + id + "'}");
        return init;
    }

    /** Sends a frame; single quotes stand for double quotes, to keep tests readable. */
    void send(String json) {
        session.sendText(json.replace('\'', '"'), Callback.NOOP);
    }

    /** Sends {@code frame} with {@code ref} set to the given request's. */
    void reply(Message request, String json) {
        JsonNode ref = request.ref();
        assertThat(ref).as("ref of %s", request).isNotNull();
        String body = json.replace('\'', '"');
        send(body.substring(0, body.length() - 1) + ",\"ref\":" + ref + "}");
    }

    /** Stops answering pings, as a peer behind a dead network path would. */
    void mute() {
        muted = true;
    }

    /** Closes the connection with a close handshake. */
    void close(int code, String reason) {
        session.close(code, reason, Callback.NOOP);
    }

    /** Drops the connection without a close handshake, as a crash or a network cut would. */
    void drop() {
        session.disconnect();
    }

    /** The close status the client sent (-1: the connection broke), once closed. */
    int awaitClosed() throws Exception {
        return closed.get(FakeGateway.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
