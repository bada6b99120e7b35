package io.monorail.ws.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Starting and stopping the whole gateway on real ports: what fails the start, what does not. */
class GatewayApplicationIT {
    private static final long WAIT_SECONDS = 20;

    private GatewayApplication gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void portInUse_isAClearError_andWhatHadStartedIsStoppedAgain() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            gateway =
                    GatewayApplication.create(
                            settings(
                                    "port",
                                    Integer.toString(port),
                                    "amqp_uri",
                                    "amqp://guest:guest@127.0.0.1:" + closedPort()));

            assertThatThrownBy(gateway::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage(
                            "cannot start the WebSocket server: port "
                                    + port
                                    + " on 127.0.0.1 is already in use");

            assertThatThrownBy(gateway::mongoUri)
                    .as("the embedded MongoDB server is stopped again")
                    .hasMessageContaining("not started");
            assertThatThrownBy(gateway::webSocketUri).hasMessage("not started");
        }
    }

    @Test
    void unreachableExternalServers_doNotStopTheStart_healthSaysDown() throws Exception {
        gateway =
                GatewayApplication.create(
                        settings(
                                "amqp_uri",
                                "amqp://guest:guest@127.0.0.1:" + closedPort(),
                                "mongo_uri",
                                "mongodb://127.0.0.1:"
                                        + closedPort()
                                        + "/?serverSelectionTimeoutMS=300&connectTimeoutMS=300"));

        gateway.start();

        HttpResponse<String> health = health();
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body())
                .isEqualTo("{\"status\":\"down\",\"bus\":\"down\",\"store\":\"down\"}");
    }

    @Test
    void close_stopsTheTransportFirst_thenTheEmbeddedServers_andTwiceIsHarmless() throws Exception {
        gateway = GatewayApplication.create(settings());
        gateway.start();
        int port = gateway.port();
        CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(gateway.webSocketUri(), closeListener(closeCode))
                .get(WAIT_SECONDS, TimeUnit.SECONDS);

        gateway.close();

        assertThat(closeCode.get(WAIT_SECONDS, TimeUnit.SECONDS))
                .as("clients are told the gateway restarts: come back, elsewhere if need be")
                .isEqualTo(1012);
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
                .isInstanceOf(ConnectException.class);
        assertThatThrownBy(gateway::amqpUri).hasMessageContaining("not started");
        assertThatThrownBy(gateway::mongoUri).hasMessageContaining("not started");

        gateway.close();
        assertThatThrownBy(gateway::webSocketUri).hasMessage("not started");
    }

    private HttpResponse<String> health() throws Exception {
        URI uri = URI.create("http://" + gateway.webSocketUri().getAuthority() + "/health");
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static WebSocket.Listener closeListener(CompletableFuture<Integer> closeCode) {
        return new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closeCode.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closeCode.completeExceptionally(error);
            }
        };
    }

    /** A loopback port nothing listens on (free a moment ago). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static Settings settings(String... keysAndValues) {
        Map<String, String> values = new HashMap<>();
        values.put("port", "0");
        values.put("embedded_amqp_port", "0");
        values.put("embedded_mongo_port", "0");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Settings.of(values);
    }
}
