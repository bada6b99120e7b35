package io.monorail.ws.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.app.GatewayApplication;
import io.monorail.ws.domain.testing.Await;
import io.monorail.ws.protocol.Message;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A battery of hostile clients against the running gateway, each answered with the expected error
 * or close code, while a well-behaved client connected all along keeps being served.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileClientsIT {
    private GatewayApplication gateway;
    private Publisher publisher;
    private WsTestClient bystander;
    private final String key = "hostile." + UUID.randomUUID().toString().substring(0, 8);
    private int beat;

    @BeforeAll
    void start() throws Exception {
        Map<String, String> settings =
                new java.util.HashMap<>(
                        pairs(
                                "max_watches", "50",
                                // Small enough that an oversized frame arrives whole
                                // before the close, so the client reads 1009, not a reset.
                                "max_frame_bytes", "4096",
                                "max_messages_per_second", "200",
                                "message_burst", "400",
                                "max_outgoing_bytes", "1048576",
                                // A peer that stops answering pings goes soon.
                                "ping_seconds", "1",
                                "idle_timeout_seconds", "4"));
        settings.putAll(mode());
        gateway = TestGateways.startConnected(settings);
        publisher = new Publisher(gateway.amqpUri());
        bystander = WsTestClient.connect(gateway.webSocketUri());
        bystander.send(
                "{\"handler\":\"watch\",\"type\":\"mq\",\"params\":{\"exchange\":\"on.test\",\"routingKey\":\""
                        + key
                        + ".beat\"}}");
        assertThat(bystander.request("{\"handler\":\"init\"}").handler()).isEqualTo("session");
    }

    @AfterAll
    void stop() throws Exception {
        bystander.close();
        publisher.close();
        gateway.close();
    }

    /** Settings that select how the gateway runs: on one instance here. */
    protected Map<String, String> mode() {
        return Map.of();
    }

    /** After every hostile client: the well-behaved one still gets its events. */
    @AfterEach
    void bystanderIsStillServed() throws Exception {
        beat++;
        publisher.publish("on.test", key + ".beat", "{\"beat\":" + beat + "}");
        Message event = bystander.next();
        assertThat(event.data().get("beat").intValue()).isEqualTo(beat);
    }

    @Test
    void malformedFrames_getErrorFrames_andTheConnectionStays() throws Exception {
        try (WsTestClient hostile = connect()) {
            for (String frame :
                    new String[] {
                        "{",
                        "[]",
                        "\"x\"",
                        "{\"handler\":\"a\",\"handler\":\"b\"}",
                        "\u0000\u0001",
                        "{\"handler\":\"init\"}garbage"
                    }) {
                hostile.send(frame);
                hostile.nextError("bad_json");
            }
            hostile.sendBinary(new byte[] {(byte) 0xff, 0, 1});
            hostile.nextError("bad_json");
            assertThat(hostile.request("{\"handler\":\"init\"}").handler()).isEqualTo("session");
        }
    }

    @Test
    void hugeFrame_isClosedWith1009() throws Exception {
        try (WsTestClient hostile = connect()) {
            try {
                hostile.send(
                        "{\"handler\":\"query\",\"type\":\"nodes\",\"params\":{\"x\":\""
                                + "a".repeat(5_000)
                                + "\"}}");
            } catch (java.util.concurrent.ExecutionException closedWhileSending) {
                // the gateway may close before the client has finished writing the frame
            }
            assertThat(hostile.awaitClose()).isEqualTo(1009);
        }
    }

    @Test
    void deepNesting_isBadJson() throws Exception {
        try (WsTestClient hostile = connect()) {
            hostile.send(
                    "{\"handler\":\"query\",\"type\":\"nodes\",\"params\":"
                            + "{\"a\":".repeat(200)
                            + "1"
                            + "}".repeat(200)
                            + "}");
            assertThat(hostile.nextError("bad_json").params().get("message").textValue())
                    .contains("nesting");
        }
    }

    @Test
    void unknownHandlersAndPrototypePollutionKeys_areHarmless() throws Exception {
        try (WsTestClient hostile = connect()) {
            for (String handler :
                    new String[] {
                        "__proto__", "constructor", "toString", "hasOwnProperty", "eval"
                    }) {
                hostile.send("{\"handler\":\"" + handler + "\"}");
                hostile.nextError("unknown_handler");
            }
            Message list =
                    hostile.request(
                            "{\"handler\":\"query\",\"type\":\"nodes\",\"params\":{\"__proto__\":{\"admin\":true},\"constructor\":{\"prototype\":1}}}");
            assertThat(list.handler()).isEqualTo("list");
        }
    }

    @Test
    void operatorsAnywhere_andForeignExchanges_areRefused() throws Exception {
        try (WsTestClient hostile = connect()) {
            hostile.send(
                    "{\"handler\":\"query\",\"type\":\"nodes\",\"params\":{\"$or\":[{\"a\":{\"$elemMatch\":{\"$where\":\"sleep(5000)\"}}}]}}");
            hostile.nextError("forbidden_operator");
            hostile.send(
                    "{\"handler\":\"watch\",\"type\":\"nodes\",\"params\":{\"a\":{\"$function\":{}}}}");
            hostile.nextError("forbidden_operator");
            hostile.send(
                    "{\"handler\":\"watch\",\"type\":\"mq\",\"params\":{\"exchange\":\"amq.rabbitmq.log\",\"routingKey\":\"#\"}}");
            hostile.nextError("forbidden");
        }
    }

    @Test
    void thousandsOfWatches_stopAtTheLimit() throws Exception {
        try (WsTestClient hostile = connect()) {
            int refused = 0;
            for (int i = 0; i < 60; i++) {
                hostile.send(
                        "{\"handler\":\"watch\",\"type\":\"workflows\",\"params\":{\"graphId\":\"g"
                                + i
                                + "\"}}");
                if (i >= 50) {
                    hostile.nextError("too_many_watches");
                    refused++;
                }
            }
            assertThat(refused).isEqualTo(10);
        }
    }

    @Test
    void flood_isRateLimited_thenClosedWith1008() throws Exception {
        try (WsTestClient hostile = connect()) {
            // Far over the rate (50/s), but in rounds that read their answers: a client that
            // pours thousands of frames past the close makes the server's TCP stack reset the
            // connection, and a reset discards the close frame before this client reads it.
            boolean limited = false;
            int sent = 0;
            while (sent < 3000 && !hostile.closedFuture().isDone()) {
                int round = 0;
                try {
                    for (; round < 10; round++, sent++) {
                        hostile.send("{\"handler\":\"init\"}");
                    }
                } catch (Exception closed) {
                    break; // the gateway already hung up
                }
                for (int answer = 0; answer < round; answer++) {
                    Message frame = hostile.nextOrNull();
                    if (frame == null) {
                        break;
                    }
                    limited |= isRateLimited(frame);
                }
            }
            Message frame;
            while ((frame = hostile.nextOrNull()) != null) {
                limited |= isRateLimited(frame);
            }
            assertThat(limited).isTrue();
            assertThat(hostile.awaitClose()).isEqualTo(1008);
        }
    }

    private static boolean isRateLimited(Message frame) {
        if (!"error".equals(frame.handler())) {
            return false;
        }
        assertThat(frame.params().get("code").textValue()).isEqualTo("rate_limited");
        return true;
    }

    @Test
    void clientThatNeverReads_isCutOff_andDoesNotHoldTheGatewayUp() throws Exception {
        try (Socket silent = new Socket()) {
            silent.setReceiveBufferSize(4096); // before connecting, so the window stays small
            silent.connect(
                    new java.net.InetSocketAddress(
                            InetAddress.getLoopbackAddress(), gateway.port()));
            handshake(silent);
            sendMasked(
                    silent.getOutputStream(),
                    "{\"handler\":\"watch\",\"type\":\"mq\",\"params\":{\"exchange\":\"on.test\",\"routingKey\":\""
                            + key
                            + ".firehose\"}}");
            // Its init answer proves the watch is bound (frames are handled in order); it is the
            // last thing this client ever reads until the gateway gives up on it.
            sendMasked(silent.getOutputStream(), "{\"handler\":\"init\"}");
            awaitText(silent.getInputStream(), "\"handler\":\"session\"");
            String body = "{\"pad\":\"" + "x".repeat(8000) + "\"}";
            double before = Health.eventsReceived(gateway);
            publisher.publishMany("on.test", key + ".firehose", body, 2000);
            // Not a byte read until the gateway has taken every event off the bus (a stream may
            // hand them over later than the broker confirms them).
            Await.until(
                    () -> Health.eventsReceived(gateway) >= before + 2000,
                    "the gateway received the 2000 events",
                    java.time.Duration.ofSeconds(60));
            // The gateway gave up on it: reading now reaches the end of the stream instead of
            // blocking for more (a connection still being served would block).
            silent.setSoTimeout(30_000);
            InputStream in = silent.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            try {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    total += read;
                }
            } catch (SocketTimeoutException stillOpen) {
                throw new AssertionError(
                        "the gateway kept a client that never reads (" + total + " bytes queued)");
            } catch (IOException reset) {
                // reset by the gateway: cut off, as expected
            }
            assertThat(total).as("less than the 16 MB published").isLessThan(16_000_000L);
        }
    }

    /** Reads raw bytes until {@code marker} has gone by; returns them as text. */
    private static String awaitText(InputStream in, String marker) throws IOException {
        StringBuilder seen = new StringBuilder();
        while (seen.indexOf(marker) < 0) {
            int b = in.read();
            assertThat(b).as("waiting for %s", marker).isNotNegative();
            seen.append((char) b);
        }
        return seen.toString();
    }

    private static Map<String, String> pairs(String... keysAndValues) {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private WsTestClient connect() throws Exception {
        return WsTestClient.connect(gateway.webSocketUri());
    }

    private void handshake(Socket socket) throws IOException {
        String request =
                "GET / HTTP/1.1\r\nHost: 127.0.0.1:"
                        + gateway.port()
                        + "\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: "
                        + Base64.getEncoder().encodeToString(new byte[16])
                        + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("handshake response").isNotNegative();
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
    }

    /** One client-to-server text frame, masked as RFC 6455 requires. */
    private static void sendMasked(OutputStream out, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        out.write(0x81);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xff);
        }
        out.write(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        out.flush();
    }
}
