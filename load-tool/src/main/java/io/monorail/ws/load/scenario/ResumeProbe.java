package io.monorail.ws.load.scenario;

import io.monorail.ws.load.publish.EventPublisher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a resume takes: a client watching on {@code from} vanishes (no close frame), {@code
 * missed} events are published, and a new connection to {@code to} asks to resume. Measured from
 * the {@code init} sent to the last missed message received: on the same instance the replay comes
 * from its journal; on another instance of a cluster it is recomputed from the event stream.
 */
public final class ResumeProbe {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    private final String amqpUri;
    private final String exchange;
    private final int bodyBytes;

    public ResumeProbe(String amqpUri, String exchange, int bodyBytes) {
        this.amqpUri = amqpUri;
        this.exchange = exchange;
        this.bodyBytes = bodyBytes;
    }

    /** Milliseconds from the resuming {@code init} to the last of {@code missed} messages. */
    public double resumeMillis(URI from, URI to, String key, int missed) throws Exception {
        String id;
        try (EventPublisher publisher = new EventPublisher(amqpUri, exchange, key, bodyBytes)) {
            Connection first = Connection.open(from);
            first.send("{\"handler\":\"init\"}");
            id = match(ID, first.next("\"handler\":\"session\""));
            first.send(
                    "{\"handler\":\"watch\",\"type\":\"mq\",\"params\":{\"exchange\":\""
                            + exchange
                            + "\",\"routingKey\":\""
                            + key
                            + "\"}}");
            first.send("{\"handler\":\"init\"}"); // answered once the watch is in place
            first.next("\"handler\":\"session\"");
            publisher.flood(0, 1, 1);
            long seen = Long.parseLong(match(SEQ, first.next("\"seq\":")));
            first.abort();
            publisher.flood(0, missed, 500);
            Connection second = Connection.open(to);
            long start = System.nanoTime();
            second.send("{\"handler\":\"init\",\"id\":\"" + id + "\",\"seq\":" + seen + "}");
            String session = second.next("\"handler\":\"session\"");
            if (!session.contains("\"resumed\":true")) {
                second.abort();
                throw new IllegalStateException("not resumed: " + session);
            }
            long last = seen;
            while (last < seen + missed) {
                last = Long.parseLong(match(SEQ, second.next("\"seq\":")));
            }
            double millis = (System.nanoTime() - start) / 1e6;
            second.abort();
            return millis;
        }
    }

    private static String match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("unexpected frame: " + text);
        }
        return matcher.group(1);
    }

    /** One WebSocket connection that queues what it receives. */
    private static final class Connection implements WebSocket.Listener {
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Connection open(URI uri) throws Exception {
            Connection connection = new Connection();
            connection.socket =
                    HttpClient.newHttpClient()
                            .newWebSocketBuilder()
                            .buildAsync(uri, connection)
                            .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return connection;
        }

        void send(String text) throws Exception {
            socket.sendText(text, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }

        /** The next frame containing {@code marker}, skipping others. */
        String next(String marker) throws InterruptedException {
            while (true) {
                String frame = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                if (frame == null) {
                    throw new IllegalStateException("no frame with " + marker + " in " + WAIT);
                }
                if (frame.contains(marker)) {
                    return frame;
                }
            }
        }

        void abort() {
            socket.abort();
        }

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
    }
}
