package io.monorail.ws.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monorail.ws.protocol.Message;
import io.monorail.ws.protocol.MessageCodec;
import io.monorail.ws.protocol.ProtocolException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bare protocol client over a real socket (the JDK's WebSocket), for end-to-end tests: send text,
 * take the frames that arrive, in order, waiting with a timeout.
 */
final class WsTestClient implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    private final MessageCodec codec = new MessageCodec();
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private WsTestClient(URI uri) throws Exception {
        socket =
                HttpClient.newHttpClient()
                        .newWebSocketBuilder()
                        .connectTimeout(WAIT)
                        .buildAsync(uri, new Listener())
                        .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    static WsTestClient connect(URI uri) throws Exception {
        return new WsTestClient(uri);
    }

    void send(String text) throws Exception {
        socket.sendText(text, true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    void sendBinary(byte[] bytes) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next frame, failing the test when none arrives in time. */
    Message next() throws InterruptedException {
        String text = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(text).as("a frame within %s", WAIT).isNotNull();
        try {
            return codec.decode(text);
        } catch (ProtocolException e) {
            throw new AssertionError("the gateway sent a frame that does not decode: " + text, e);
        }
    }

    /** The next frame, or null when none comes in time (the connection went quiet or closed). */
    Message nextOrNull() throws InterruptedException {
        String text = received.poll(2, TimeUnit.SECONDS);
        if (text == null) {
            return null;
        }
        try {
            return codec.decode(text);
        } catch (ProtocolException e) {
            throw new AssertionError("the gateway sent a frame that does not decode: " + text, e);
        }
    }

    /** Sends a request and returns the next frame. */
    Message request(String text) throws Exception {
        send(text);
        return next();
    }

    /** The next frame, which must be an error with this code. */
    Message nextError(String code) throws InterruptedException {
        Message message = next();
        assertThat(message.handler()).as("handler of %s", message).isEqualTo("error");
        assertThat(message.params().get("code").textValue())
                .as("code of %s", message)
                .isEqualTo(code);
        return message;
    }

    /** Every frame received and not yet taken, without waiting. */
    List<Message> drainNow() {
        List<String> texts = new ArrayList<>();
        received.drainTo(texts);
        List<Message> messages = new ArrayList<>(texts.size());
        for (String text : texts) {
            try {
                messages.add(codec.decode(text));
            } catch (ProtocolException e) {
                throw new AssertionError(
                        "the gateway sent a frame that does not decode: " + text, e);
            }
        }
        return messages;
    }

    /** Frames received and not yet taken. */
    int pending() {
        return received.size();
    }

    /** The close code the server sent, waiting for it. */
    int awaitClose() throws Exception {
        return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Completes with the close code when the server closes the connection. */
    CompletableFuture<Integer> closedFuture() {
        return closed;
    }

    ObjectNode json(String text) throws ProtocolException {
        return codec.parseObject(text);
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
