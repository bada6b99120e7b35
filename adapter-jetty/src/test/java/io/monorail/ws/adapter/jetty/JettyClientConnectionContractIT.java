package io.monorail.ws.adapter.jetty;

import io.monorail.ws.domain.port.ClientConnection;
import io.monorail.ws.domain.port.ClientConnectionContract;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The Jetty connection passes the same contract as the domain's recording fake. */
class JettyClientConnectionContractIT extends ClientConnectionContract {
    private final FakeClientGateway gateway = new FakeClientGateway();
    private final WebSocketClient client = new WebSocketClient();
    private JettyWebSocketServer server;
    private TestClient peer;
    private final List<String> received = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new JettyWebSocketServer(JettyWebSocketServerIT.config(), gateway);
        server.start();
        client.start();
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        server.stop();
    }

    @Override
    protected ClientConnection connection() throws Exception {
        peer = new TestClient();
        client.connect(peer, URI.create("ws://127.0.0.1:" + server.port() + "/"))
                .get(5, TimeUnit.SECONDS);
        return gateway.nextSession().connection;
    }

    @Override
    protected List<String> received(int count) throws Exception {
        while (received.size() < count) {
            received.add(peer.nextText());
        }
        return received.subList(0, count);
    }

    @Override
    protected int closeCode() throws Exception {
        return peer.awaitClose().code();
    }
}
