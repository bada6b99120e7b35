package io.monorail.ws.adapter.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monorail.ws.adapter.jetty.FakeClientGateway.FakeSession;
import io.monorail.ws.adapter.jetty.RawWebSocket.RawFrame;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JettyWebSocketServerIT {
    private static final Duration NEVER = Duration.ofHours(1);

    private final FakeClientGateway gateway = new FakeClientGateway();
    private final List<JettyWebSocketServer> servers = new ArrayList<>();
    private final WebSocketClient client = new WebSocketClient();

    @BeforeEach
    void startClient() throws Exception {
        client.start();
    }

    @AfterEach
    void stopEverything() throws Exception {
        client.stop();
        servers.forEach(JettyWebSocketServer::stop);
    }

    @Test
    void textFrame_reachesTheSession_andItsReplyReachesTheClient() throws Exception {
        JettyWebSocketServer server = start(config());
        TestClient endpoint = connect(server, "/");
        FakeSession session = gateway.nextSession();

        endpoint.session().sendText("{\"handler\":\"init\"}", Callback.NOOP);

        assertThat(session.nextText()).isEqualTo("{\"handler\":\"init\"}");
        assertThat(endpoint.nextText()).isEqualTo("{\"handler\":\"init\"}");
    }

    @Test
    void nextFrame_isReadOnlyWhenThePreviousOneIsHandled() throws Exception {
        JettyWebSocketServer server = start(config());
        TestClient endpoint = connect(server, "/");
        FakeSession session = gateway.nextSession();

        endpoint.session().sendText("hold", Callback.NOOP);
        assertThat(session.nextText()).isEqualTo("hold");
        CompletableFuture<Void> sent = new CompletableFuture<>();
        endpoint.session()
                .sendText(
                        "after",
                        Callback.from(() -> sent.complete(null), sent::completeExceptionally));
        sent.get(5, TimeUnit.SECONDS);

        assertThat(session.texts).as("frames handed over while 'hold' is in progress").isEmpty();
        session.release.complete(null);
        assertThat(session.nextText()).isEqualTo("after");
        assertThat(endpoint.nextText()).isEqualTo("after");
    }

    @Test
    void pathSegment_isTheChannel_andRootIsNone() throws Exception {
        JettyWebSocketServer server = start(config());

        connect(server, "/nodes");
        assertThat(gateway.nextSession().channel).isEqualTo("nodes");
        connect(server, "/");
        assertThat(gateway.nextSession().channel).isNull();
        connect(server, "/%67raphObjs?since=1");
        assertThat(gateway.nextSession().channel).isEqualTo("graphObjs");
    }

    @Test
    void remoteAddress_isTheClientsIpAndPort() throws Exception {
        JettyWebSocketServer server = start(config());
        TestClient endpoint = connect(server, "/");

        String remote = gateway.nextSession().connection.remoteAddress();

        assertThat(remote)
                .isEqualTo(
                        "127.0.0.1:"
                                + ((java.net.InetSocketAddress)
                                                endpoint.session().getLocalSocketAddress())
                                        .getPort());
    }

    @Test
    void pathWithMoreSegmentsOrBadCharacters_isRefusedWith404() throws Exception {
        JettyWebSocketServer server = start(config());

        for (String path : List.of("/nodes/1", "/nodes/", "/no%20des", "/n%C3%B6des", "/a+b")) {
            assertThatThrownBy(() -> connect(server, path))
                    .as(path)
                    .hasCauseInstanceOf(UpgradeException.class)
                    .cause()
                    .extracting(e -> ((UpgradeException) e).getResponseStatusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void frameOverLimit_isClosedWith1009() throws Exception {
        JettyWebSocketServer server =
                start(
                        config(
                                1024,
                                JettyTransportConfig.DEFAULT_PING_INTERVAL,
                                Duration.ofSeconds(60),
                                1024));
        TestClient endpoint = connect(server, "/");
        FakeSession session = gateway.nextSession();

        endpoint.session().sendText("x".repeat(1025), Callback.NOOP);

        assertThat(endpoint.awaitClose().code()).isEqualTo(1009);
        session.awaitClosed();
        assertThat(session.texts).isEmpty();
    }

    @Test
    void frameAtLimit_isAccepted() throws Exception {
        JettyWebSocketServer server =
                start(
                        config(
                                1024,
                                JettyTransportConfig.DEFAULT_PING_INTERVAL,
                                Duration.ofSeconds(60),
                                1024));
        TestClient endpoint = connect(server, "/");
        FakeSession session = gateway.nextSession();

        endpoint.session().sendText("x".repeat(1024), Callback.NOOP);

        assertThat(session.nextText()).hasSize(1024);
    }

    @Test
    void binaryFrame_isReportedToTheSession() throws Exception {
        JettyWebSocketServer server = start(config());
        TestClient endpoint = connect(server, "/");
        FakeSession session = gateway.nextSession();

        endpoint.session().sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), Callback.NOOP);

        session.binaryReceived.get(5, TimeUnit.SECONDS);
    }

    @Test
    void clientClose_closesTheSessionOnce() throws Exception {
        JettyWebSocketServer server = start(config());
        TestClient endpoint = connect(server, "/");
        FakeSession session = gateway.nextSession();

        endpoint.session().close(1000, "bye", Callback.NOOP);
        session.awaitClosed();
        server.stop(); // nothing can arrive after this

        assertThat(session.closes).hasValue(1);
        assertThat(session.overlapped).isFalse();
    }

    @Test
    void closeFromInsideOnText_closesTheSessionOnce_afterOnTextReturns() throws Exception {
        JettyWebSocketServer server = start(config());
        TestClient endpoint = connect(server, "/");
        FakeSession session = gateway.nextSession();

        endpoint.session().sendText("close", Callback.NOOP);

        assertThat(endpoint.awaitClose()).isEqualTo(new TestClient.Close(4000, "asked to"));
        session.awaitClosed();
        server.stop();
        assertThat(session.closes).hasValue(1);
        assertThat(session.overlapped).isFalse();
        assertThat(session.closedInsideOwnCall).isFalse();
    }

    @Test
    void stop_closesEveryClientWith1012_soItReconnectsAtOnce() throws Exception {
        JettyWebSocketServer server = start(config());
        TestClient first = connect(server, "/");
        TestClient second = connect(server, "/nodes");
        gateway.nextSession();
        gateway.nextSession();

        server.stop();

        assertThat(first.awaitClose()).isEqualTo(new TestClient.Close(1012, "gateway restarting"));
        assertThat(second.awaitClose().code()).isEqualTo(1012);
    }

    @Test
    void connectThatThrows_closesTheClientWith1011() throws Exception {
        JettyWebSocketServer server = start(config());
        gateway.failConnect();
        TestClient endpoint = new TestClient();

        client.connect(endpoint, URI.create("ws://127.0.0.1:" + server.port() + "/"));

        assertThat(endpoint.awaitClose().code()).isEqualTo(1011);
    }

    @Test
    void droppedTcpConnection_closesTheSessionOnce() throws Exception {
        JettyWebSocketServer server = start(config());
        RawWebSocket raw = RawWebSocket.connect(server.port(), "/nodes");
        FakeSession session = gateway.nextSession();

        raw.abort();
        session.awaitClosed();
        server.stop();

        assertThat(session.closes).hasValue(1);
    }

    @Test
    void sendAfterClose_isDroppedSilently() throws Exception {
        JettyWebSocketServer server = start(config());
        TestClient endpoint = connect(server, "/");
        FakeSession session = gateway.nextSession();
        endpoint.session().close(1000, "bye", Callback.NOOP);
        session.awaitClosed();

        session.connection.send("too late");
        session.connection.close(1000, "again");

        assertThat(endpoint.awaitClose().code()).isEqualTo(1000);
    }

    @Test
    void connectionClose_reachesTheClientWithCodeAndReason_andOnCloseIsNotNestedInIt()
            throws Exception {
        JettyWebSocketServer server = start(config());
        TestClient endpoint = connect(server, "/");
        FakeSession session = gateway.nextSession();

        session.closeConnection(1008, "rate limited");

        assertThat(endpoint.awaitClose()).isEqualTo(new TestClient.Close(1008, "rate limited"));
        session.awaitClosed();
        assertThat(session.closedInsideOwnCall).as("onClose nested in close()").isFalse();
    }

    @Test
    void concurrentSendsFromFourThreads_allArrive_inEachThreadsOrder() throws Exception {
        JettyWebSocketServer server = start(config());
        TestClient endpoint = connect(server, "/");
        FakeSession session = gateway.nextSession();
        int threads = 4;
        int perThread = 250; // 1000 in all: within the default bound of 1024 queued frames
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread sender =
                    new Thread(
                            () -> {
                                awaitQuietly(go);
                                for (int i = 0; i < perThread; i++) {
                                    session.connection.send(id + ":" + i);
                                }
                            });
            sender.start();
            senders.add(sender);
        }

        go.countDown();
        Map<Integer, Integer> lastSeen = new HashMap<>();
        for (int n = 0; n < threads * perThread; n++) {
            String[] parts = endpoint.nextText().split(":");
            int id = Integer.parseInt(parts[0]);
            int seq = Integer.parseInt(parts[1]);
            assertThat(seq).as("thread %d order", id).isEqualTo(lastSeen.getOrDefault(id, -1) + 1);
            lastSeen.put(id, seq);
        }
        for (Thread sender : senders) {
            sender.join(5_000);
        }

        assertThat(lastSeen)
                .hasSize(threads)
                .allSatisfy((id, last) -> assertThat(last).isEqualTo(perThread - 1));
        assertThat(endpoint.closed).isNotDone();
    }

    @Test
    void clientThatDoesNotRead_isClosedWith1013() throws Exception {
        JettyWebSocketServer server = start(config(65_536, NEVER, Duration.ofSeconds(60), 4));
        try (RawWebSocket raw = RawWebSocket.connect(server.port(), "/")) {
            FakeSession session = gateway.nextSession();
            JettyClientConnection connection = (JettyClientConnection) session.connection;
            String chunk = "x".repeat(16_384);

            // The client reads nothing: socket buffers fill, then Jetty's queue of 4 frames.
            for (int i = 0; i < 100_000 && !connection.isClosing(); i++) {
                connection.send(chunk);
            }
            assertThat(connection.isClosing()).isTrue();

            RawFrame close = raw.readUntilClose();
            assertThat(close.closeCode()).isEqualTo(1013);
            assertThat(close.closeReason()).isEqualTo("client too slow");
        }
    }

    @Test
    void silentClient_isClosedByTheIdleTimeout() throws Exception {
        JettyWebSocketServer server = start(config(65_536, NEVER, Duration.ofMillis(500), 1024));
        TestClient endpoint = connect(server, "/");
        FakeSession session = gateway.nextSession();

        assertThat(endpoint.awaitClose().code()).isEqualTo(1001);
        session.awaitClosed();
    }

    @Test
    void quietClientThatAnswersPings_staysOpen() throws Exception {
        // Pings every 100 ms against a 1 s idle timeout: only the pongs keep it alive.
        JettyWebSocketServer server =
                start(config(65_536, Duration.ofMillis(100), Duration.ofSeconds(1), 1024));
        TestClient endpoint = connect(server, "/");
        FakeSession session = gateway.nextSession();

        assertThat(endpoint.closed).failsWithin(Duration.ofMillis(2_500));
        endpoint.session().sendText("still here", Callback.NOOP);
        assertThat(endpoint.nextText()).isEqualTo("still here");
        assertThat(session.closed).isNotDone();
    }

    @Test
    void peerThatStopsAnsweringPings_isClosedDespiteThePings() throws Exception {
        // The server keeps writing pings, which Jetty counts as activity; the heartbeat must not.
        JettyWebSocketServer server =
                start(config(65_536, Duration.ofMillis(100), Duration.ofMillis(600), 1024));
        try (RawWebSocket raw = RawWebSocket.connect(server.port(), "/")) {
            FakeSession session = gateway.nextSession();

            assertThat(raw.readFrame().opcode()).isEqualTo(RawWebSocket.PING);
            RawFrame close = raw.readUntilClose();

            assertThat(close.closeCode()).isEqualTo(1001);
            assertThat(close.closeReason()).isEqualTo("idle timeout");
            session.awaitClosed();
        }
    }

    @Test
    void stop_closesOpenConnections() throws Exception {
        JettyWebSocketServer server = start(config());
        TestClient endpoint = connect(server, "/");
        FakeSession session = gateway.nextSession();

        server.stop();

        session.awaitClosed();
        assertThat(endpoint.awaitClose().code()).isEqualTo(1012);
    }

    @Test
    void portAlreadyInUse_failsStartWithTheBusyPortInTheMessage() {
        JettyWebSocketServer first = start(config());
        int busy = first.port();
        JettyWebSocketServer second =
                new JettyWebSocketServer(
                        new JettyTransportConfig("127.0.0.1", busy, 65_536, NEVER, NEVER, 1024),
                        gateway);

        assertThatThrownBy(second::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("port " + busy + " on 127.0.0.1 is already in use");
        assertThatThrownBy(second::port).hasMessage("not started");
        second.stop(); // harmless
    }

    @Test
    void port_andUri_nameTheBoundAddress() {
        JettyWebSocketServer server = start(config());

        assertThat(server.port()).isPositive();
        assertThat(server.uri()).isEqualTo(URI.create("ws://127.0.0.1:" + server.port() + "/"));
    }

    @Test
    void startTwice_isRefused_butRestartAfterStopWorks() throws Exception {
        JettyWebSocketServer server = start(config());
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);

        server.stop();
        server.start();

        connect(server, "/nodes");
        assertThat(gateway.nextSession().channel).isEqualTo("nodes");
    }

    private JettyWebSocketServer start(JettyTransportConfig config) {
        JettyWebSocketServer server = new JettyWebSocketServer(config, gateway);
        servers.add(server);
        server.start();
        return server;
    }

    private TestClient connect(JettyWebSocketServer server, String path) throws Exception {
        TestClient endpoint = new TestClient();
        URI uri = URI.create("ws://127.0.0.1:" + server.port() + path);
        Session session = client.connect(endpoint, uri).get(5, TimeUnit.SECONDS);
        assertThat(session.isOpen()).isTrue();
        return endpoint;
    }

    static JettyTransportConfig config() {
        return config(
                65_536, JettyTransportConfig.DEFAULT_PING_INTERVAL, Duration.ofSeconds(60), 1024);
    }

    static JettyTransportConfig config(
            int maxFrameBytes, Duration pingInterval, Duration idleTimeout, int maxOutgoingFrames) {
        return new JettyTransportConfig(
                "127.0.0.1", 0, maxFrameBytes, pingInterval, idleTimeout, maxOutgoingFrames);
    }

    private static Set<Thread> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("monorail-ws"))
                .collect(Collectors.toSet());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
