package io.monorail.ws.adapter.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.adapter.jetty.FakeClientGateway.FakeSession;
import io.monorail.ws.adapter.jetty.RawWebSocket.RawFrame;
import io.monorail.ws.domain.Gateway;
import io.monorail.ws.domain.GatewayLimits;
import io.monorail.ws.domain.GatewayPorts;
import io.monorail.ws.domain.RateLimit;
import io.monorail.ws.domain.auth.GatewaySecurity;
import io.monorail.ws.domain.catalog.ResourceCatalog;
import io.monorail.ws.domain.fake.InMemoryEventFeed;
import io.monorail.ws.domain.fake.InMemoryResourceStore;
import io.monorail.ws.domain.fake.ManualClock;
import io.monorail.ws.domain.filter.FilterLimits;
import io.monorail.ws.domain.session.InMemorySessionStore;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-connection limits over real sockets: message rate (with the real core) and slow readers. */
class TransportLimitsIT {
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
    void floodOverTheRate_getsRateLimited_thenIsClosedWith1008() throws Exception {
        // A clock that never moves: the bucket never refills, so the outcome is exact.
        Gateway core =
                new Gateway(
                        ResourceCatalog.defaults(FilterLimits.defaults()),
                        new GatewayPorts(
                                new InMemoryEventFeed(),
                                new InMemoryResourceStore(),
                                new InMemorySessionStore(),
                                new ManualClock(0)),
                        GatewayLimits.defaults()
                                .withMessageRate(new RateLimit(5, 3, 4, Duration.ofSeconds(5))),
                        GatewaySecurity.open(),
                        Runnable::run);
        JettyWebSocketServer server =
                new JettyWebSocketServer(JettyWebSocketServerIT.config(), core);
        servers.add(server);
        server.start();
        TestClient endpoint = new TestClient();
        client.connect(endpoint, URI.create("ws://127.0.0.1:" + server.port() + "/"))
                .get(5, TimeUnit.SECONDS);

        for (int i = 0; i < 10; i++) {
            endpoint.session().sendText("{\"handler\":\"init\",\"ref\":" + i + "}", Callback.NOOP);
        }

        for (int i = 0; i < 3; i++) {
            assertThat(endpoint.nextText()).startsWith("{\"handler\":\"session\"");
        }
        for (int i = 0; i < 3; i++) {
            assertThat(endpoint.nextText()).contains("\"code\":\"rate_limited\"");
        }
        assertThat(endpoint.awaitClose())
                .isEqualTo(new TestClient.Close(1008, "rate limit exceeded"));
    }

    @Test
    void clientThatDoesNotRead_isClosedWith1013_whenTooManyBytesWait() throws Exception {
        FakeClientGateway gateway = new FakeClientGateway();
        JettyWebSocketServer server =
                new JettyWebSocketServer(
                        new JettyTransportConfig(
                                "127.0.0.1",
                                0,
                                65_536,
                                Duration.ofHours(1),
                                Duration.ofSeconds(60),
                                1_000_000,
                                256 * 1024),
                        gateway);
        servers.add(server);
        server.start();
        try (RawWebSocket raw = RawWebSocket.connect(server.port(), "/")) {
            FakeSession session = gateway.nextSession();
            JettyClientConnection connection = (JettyClientConnection) session.connection;
            String chunk = "x".repeat(16_384);

            // The frame bound (a million) is never reached: the byte bound closes first.
            int sent = 0;
            while (!connection.isClosing() && sent < 100_000) {
                connection.send(chunk);
                sent++;
            }
            assertThat(connection.isClosing()).isTrue();
            assertThat(connection.queuedBytes()).isLessThanOrEqualTo(256 * 1024);

            RawFrame close = raw.readUntilClose();
            assertThat(close.closeCode()).isEqualTo(1013);
            assertThat(close.closeReason()).isEqualTo("client too slow");
            session.awaitClosed();
        }
    }
}
