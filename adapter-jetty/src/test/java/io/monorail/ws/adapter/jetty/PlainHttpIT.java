package io.monorail.ws.adapter.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

// One server for the class: a graceful stop waits about a second for idle keep-alive connections.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlainHttpIT {
    private final FakeClientGateway gateway = new FakeClientGateway();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private JettyWebSocketServer server;

    @BeforeAll
    void start() {
        server =
                new JettyWebSocketServer(
                        JettyWebSocketServerIT.config(),
                        TransportSecurity.defaults(),
                        gateway,
                        () -> "# TYPE monorail_connections gauge\nmonorail_connections 0.0\n");
        server.start();
    }

    @AfterEach
    void busBackUp() {
        gateway.setBusAvailable(true);
        gateway.setStoreAvailable(true);
    }

    @AfterAll
    void stop() {
        server.stop();
    }

    @Test
    void health_whenBusIsUp_is200Json() throws Exception {
        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .isEqualTo("{\"status\":\"up\",\"bus\":\"up\",\"store\":\"up\"}");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void health_whenBusIsDown_is503Json() throws Exception {
        gateway.setBusAvailable(false);

        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body())
                .isEqualTo("{\"status\":\"down\",\"bus\":\"down\",\"store\":\"up\"}");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void health_whenOnlyTheStoreIsDown_isStill200AndSaysSo() throws Exception {
        gateway.setStoreAvailable(false);

        HttpResponse<String> response = get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .isEqualTo("{\"status\":\"up\",\"bus\":\"up\",\"store\":\"down\"}");
    }

    @Test
    void metrics_isPrometheusText() throws Exception {
        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("text/plain; version=0.0.4");
        assertThat(response.body()).contains("monorail_connections 0.0");
    }

    @Test
    void postOnHealth_is405() throws Exception {
        HttpResponse<String> response =
                send(request("/health").POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void root_withoutUpgrade_isTheConsolePageUnderAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> response = get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("text/html; charset=utf-8");
        assertThat(response.body()).contains("<script type=\"module\" src=\"console.js\">");
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValue(PlainHttpHandler.CONTENT_SECURITY_POLICY);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
    }

    @Test
    void asyncApiDocument_isServedAsJsonFromTheProtocolJar() throws Exception {
        HttpResponse<String> response = get("/asyncapi.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).containsPattern("\"asyncapi\"\\s*:\\s*\"3\\.0\\.0\"");
    }

    @Test
    void asset_withItsEntityTag_is304WithoutABody() throws Exception {
        String etag = get("/").headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> response = send(request("/").header("If-None-Match", etag));

        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void asset_isGetOnly() throws Exception {
        HttpResponse<String> response =
                send(request("/").POST(HttpRequest.BodyPublishers.ofString("x")));

        assertThat(response.statusCode()).isEqualTo(405);
    }

    @Test
    void otherPaths_are404() throws Exception {
        assertThat(get("/nodes").statusCode()).isEqualTo(404);
        assertThat(get("/metrics/x").statusCode()).isEqualTo(404);
        assertThat(get("/index.html").statusCode()).isEqualTo(404);
        // Jetty refuses a path that climbs out of the root before any handler sees it.
        assertThat(get("/../pom.xml").statusCode()).isEqualTo(400);
        assertThat(get("/monorail/web/index.html").statusCode()).isEqualTo(404);
    }

    @Test
    void responses_doNotAdvertiseTheServerVersion() throws Exception {
        assertThat(get("/health").headers().firstValue("Server")).isEmpty();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(request(path).GET());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(5));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
