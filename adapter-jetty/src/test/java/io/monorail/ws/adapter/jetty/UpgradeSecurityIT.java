package io.monorail.ws.adapter.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.monorail.ws.adapter.jetty.FakeClientGateway.FakeSession;
import io.monorail.ws.domain.auth.Authentication;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What the upgrade checks, over real sockets: tokens in each carrier, origins, limits. */
class UpgradeSecurityIT {
    private final FakeClientGateway gateway = new FakeClientGateway();
    private final List<JettyWebSocketServer> servers = new ArrayList<>();
    private final WebSocketClient client = new WebSocketClient();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void start() throws Exception {
        client.start();
        logs.start();
        root.addAppender(logs);
        gateway.authenticateWith(
                Authentication.required(JwtTokenVerifier.hmac(Jwts.SECRET, JwtRules.defaults())));
    }

    @AfterEach
    void stop() throws Exception {
        root.detachAppender(logs);
        client.stop();
        servers.forEach(JettyWebSocketServer::stop);
    }

    @Test
    void noToken_isRefusedWith401() throws Exception {
        JettyWebSocketServer server = start(TransportSecurity.defaults());

        assertThat(statusOf(server, "/", new ClientUpgradeRequest())).isEqualTo(401);
    }

    @Test
    void badToken_isRefusedWith401_inEachCarrier_andNeverLogged() throws Exception {
        JettyWebSocketServer server = start(TransportSecurity.defaults());
        String forged =
                Jwts.hs256(
                        "another-secret-of-at-least-32-bytes!",
                        Jwts.claims("m", List.of(), Duration.ofHours(1)).build());
        String expired =
                Jwts.hs256(Jwts.SECRET, Jwts.claims("m", List.of(), Duration.ofHours(-1)).build());

        for (String token : List.of(forged, expired, "garbage-token-value")) {
            assertThat(statusOf(server, "/", bearerHeader(token))).isEqualTo(401);
            assertThat(statusOf(server, "/nodes?access_token=" + token, new ClientUpgradeRequest()))
                    .isEqualTo(401);
            assertThat(statusOf(server, "/", subprotocols("monorail", "bearer." + token)))
                    .isEqualTo(401);
            assertThat(logs.list)
                    .as("log lines")
                    .isNotEmpty()
                    .noneMatch(event -> text(event).contains(token));
        }
    }

    @Test
    void validToken_isAccepted_inEachCarrier_andTheSessionGetsItsPrincipal() throws Exception {
        JettyWebSocketServer server = start(TransportSecurity.defaults());

        connect(server, "/", bearerHeader(Jwts.valid("header-user")));
        assertThat(gateway.nextSession().principal.subject()).isEqualTo("header-user");
        connect(
                server,
                "/nodes?access_token=" + Jwts.valid("query-user"),
                new ClientUpgradeRequest());
        FakeSession viaQuery = gateway.nextSession();
        assertThat(viaQuery.principal.subject()).isEqualTo("query-user");
        assertThat(viaQuery.channel).isEqualTo("nodes");
        String token = Jwts.valid("browser-user");
        Session viaProtocol = connect(server, "/", subprotocols("monorail", "bearer." + token));
        assertThat(gateway.nextSession().principal.subject()).isEqualTo("browser-user");

        assertThat(viaProtocol.getUpgradeResponse().getAcceptedSubProtocol())
                .as("the server selects monorail, never the token entry")
                .isEqualTo("monorail");
        assertThat(logs.list).noneMatch(event -> text(event).contains(token));
    }

    @Test
    void withoutAuthentication_noTokenIsNeeded() throws Exception {
        gateway.authenticateWith(Authentication.none());
        JettyWebSocketServer server = start(TransportSecurity.defaults());

        connect(server, "/", new ClientUpgradeRequest());

        assertThat(gateway.nextSession().principal.subject()).isEqualTo("anonymous");
    }

    @Test
    void sameOriginByDefault_otherOriginsAre403_andNoOriginIsNotABrowser() throws Exception {
        JettyWebSocketServer server = start(TransportSecurity.defaults());
        int port = server.port();

        connect(server, "/", withOrigin("http://127.0.0.1:" + port, Jwts.valid("a")));
        assertThat(statusOf(server, "/", withOrigin("http://evil.example", Jwts.valid("a"))))
                .isEqualTo(403);
        assertThat(
                        statusOf(
                                server,
                                "/",
                                withOrigin("http://127.0.0.1:" + (port + 1), Jwts.valid("a"))))
                .isEqualTo(403);
        assertThat(statusOf(server, "/", withOrigin("https://127.0.0.1:" + port, Jwts.valid("a"))))
                .as("another scheme is another origin")
                .isEqualTo(403);
        assertThat(statusOf(server, "/", withOrigin("null", Jwts.valid("a")))).isEqualTo(403);
        connect(server, "/", bearerHeader(Jwts.valid("a")));
    }

    @Test
    void badOrigin_is403_evenWithAValidToken_andBeforeTheTokenIsLookedAt() throws Exception {
        JettyWebSocketServer server = start(TransportSecurity.defaults());

        assertThat(statusOf(server, "/", withOrigin("http://evil.example", null))).isEqualTo(403);
    }

    @Test
    void allowList_admitsOnlyTheListedOrigins() throws Exception {
        JettyWebSocketServer server =
                start(
                        new TransportSecurity(
                                OriginPolicy.allowList(
                                        List.of("https://ui.example.com", "http://10.0.0.5:8080")),
                                100,
                                100,
                                null));

        connect(server, "/", withOrigin("https://ui.example.com", Jwts.valid("a")));
        connect(server, "/", withOrigin("https://UI.example.com:443", Jwts.valid("a")));
        connect(server, "/", withOrigin("http://10.0.0.5:8080", Jwts.valid("a")));
        assertThat(statusOf(server, "/", withOrigin("http://ui.example.com", Jwts.valid("a"))))
                .isEqualTo(403);
        assertThat(
                        statusOf(
                                server,
                                "/",
                                withOrigin("http://127.0.0.1:" + server.port(), Jwts.valid("a"))))
                .as("same origin is not implied by a list")
                .isEqualTo(403);
    }

    @Test
    void perAddressLimit_is429_andAClosedConnectionFreesItsSlot() throws Exception {
        JettyWebSocketServer server =
                start(new TransportSecurity(OriginPolicy.sameOrigin(), 100, 2, null));
        connect(server, "/", bearerHeader(Jwts.valid("a")));
        FakeSession first = gateway.nextSession();
        connect(server, "/", bearerHeader(Jwts.valid("a")));
        gateway.nextSession();

        assertThat(statusOf(server, "/", bearerHeader(Jwts.valid("a")))).isEqualTo(429);
        first.connection.close(1000, "bye");
        first.awaitClosed();
        connect(server, "/", bearerHeader(Jwts.valid("a")));
    }

    @Test
    void totalLimit_is503() throws Exception {
        JettyWebSocketServer server =
                start(new TransportSecurity(OriginPolicy.sameOrigin(), 1, 100, null));
        connect(server, "/", bearerHeader(Jwts.valid("a")));

        assertThat(statusOf(server, "/", bearerHeader(Jwts.valid("a")))).isEqualTo(503);
    }

    @Test
    void refusedUpgrades_doNotHoldASlot() throws Exception {
        JettyWebSocketServer server =
                start(new TransportSecurity(OriginPolicy.sameOrigin(), 1, 1, null));
        for (int i = 0; i < 5; i++) {
            assertThat(statusOf(server, "/", bearerHeader("bad"))).isEqualTo(401);
        }

        connect(server, "/", bearerHeader(Jwts.valid("a")));
    }

    private static String text(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        if (event.getThrowableProxy() != null) {
            text.append(event.getThrowableProxy().getMessage());
        }
        return text.toString();
    }

    private static ClientUpgradeRequest bearerHeader(String token) {
        ClientUpgradeRequest request = new ClientUpgradeRequest();
        request.setHeader("Authorization", "Bearer " + token);
        return request;
    }

    private static ClientUpgradeRequest subprotocols(String... protocols) {
        ClientUpgradeRequest request = new ClientUpgradeRequest();
        request.setSubProtocols(protocols);
        return request;
    }

    private static ClientUpgradeRequest withOrigin(String origin, String token) {
        ClientUpgradeRequest request =
                token == null ? new ClientUpgradeRequest() : bearerHeader(token);
        request.setHeader("Origin", origin);
        return request;
    }

    private JettyWebSocketServer start(TransportSecurity security) {
        JettyWebSocketServer server =
                new JettyWebSocketServer(JettyWebSocketServerIT.config(), security, gateway);
        servers.add(server);
        server.start();
        return server;
    }

    private Session connect(JettyWebSocketServer server, String path, ClientUpgradeRequest request)
            throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + server.port() + path);
        Session session = client.connect(new TestClient(), uri, request).get(5, TimeUnit.SECONDS);
        assertThat(session.isOpen()).isTrue();
        return session;
    }

    private int statusOf(JettyWebSocketServer server, String path, ClientUpgradeRequest request) {
        URI uri = URI.create("ws://127.0.0.1:" + server.port() + path);
        Throwable failure =
                catchThrowable(
                        () ->
                                client.connect(new TestClient(), uri, request)
                                        .get(5, TimeUnit.SECONDS));
        assertThat(failure)
                .as("the upgrade of %s was refused", path)
                .isInstanceOf(ExecutionException.class);
        assertThat(failure.getCause()).isInstanceOf(UpgradeException.class);
        return ((UpgradeException) failure.getCause()).getResponseStatusCode();
    }
}
