package io.monorail.ws.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.monorail.ws.app.GatewayApplication;
import io.monorail.ws.protocol.Message;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A gateway assembled with {@code MONORAIL_AUTH=jwt} and an HS256 secret, over real sockets:
 * upgrades without a good token are refused, roles meet the default policy, a token that expires
 * closes its connection with 4001, and an in-band refresh keeps it and its watch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtSecurityIT {
    private static final String SECRET = "it-secret-that-is-at-least-32-bytes-long";

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private GatewayApplication gateway;
    private Publisher publisher;

    @BeforeAll
    void startGateway() throws Exception {
        Map<String, String> settings =
                new java.util.HashMap<>(
                        Map.of(
                                "auth",
                                "jwt",
                                "jwt_secret",
                                SECRET,
                                // exp is exact here, so the expiry tests need no 30 s wait
                                "jwt_clock_skew_seconds",
                                "0"));
        settings.putAll(mode());
        gateway = TestGateways.startConnected(settings);
        publisher = new Publisher(gateway.amqpUri());
    }

    /** Settings that select how the gateway runs: on one instance here. */
    protected Map<String, String> mode() {
        return Map.of();
    }

    @AfterAll
    void stopGateway() throws Exception {
        if (publisher != null) {
            publisher.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void noToken_orABadOne_isRefusedWith401() {
        assertThat(statusOf(gateway.webSocketUri())).isEqualTo(401);
        assertThat(statusOf(withToken("/", "not-a-token"))).isEqualTo(401);
        assertThat(statusOf(withToken("/", token("x", List.of(), Duration.ofMinutes(-1)))))
                .as("expired")
                .isEqualTo(401);
    }

    @Test
    void validToken_opensASession() throws Exception {
        try (WsTestClient client =
                WsTestClient.connect(
                        withToken("/", token("alice", List.of(), Duration.ofHours(1))))) {
            Message session = client.request("{\"handler\":\"init\"}");

            assertThat(session.handler()).isEqualTo("session");
        }
    }

    @Test
    void withoutAdmin_mqIsForbidden_butNodesAreWatched() throws Exception {
        String nodeId = "n-" + run;
        try (WsTestClient client =
                WsTestClient.connect(
                        withToken("/", token("bob", List.of("operator"), Duration.ofHours(1))))) {
            client.send(
                    "{\"handler\":\"watch\",\"type\":\"mq\",\"params\":{\"exchange\":\"on.test\"}}");
            Message refused = client.nextError("forbidden");
            client.send(
                    "{\"handler\":\"watch\",\"type\":\"nodes\",\"params\":{\"id\":\""
                            + nodeId
                            + "\"}}");
            assertThat(client.request("{\"handler\":\"init\"}").handler()).isEqualTo("session");

            publisher.publish(
                    "on.waterline",
                    "nodes.created." + nodeId,
                    "{\"event\":\"created\",\"record\":{\"id\":\""
                            + nodeId
                            + "\",\"name\":\"n\"}}");

            assertThat(refused.params().get("message").textValue()).contains("mq");
            Message item = client.next();
            assertThat(item.type()).isEqualTo("nodes");
            assertThat(item.data().get("id").textValue()).isEqualTo(nodeId);
        }
    }

    @Test
    void tokenThatExpiresWhileConnected_closesTheConnectionWith4001() throws Exception {
        try (WsTestClient client =
                WsTestClient.connect(
                        withToken("/", token("carol", List.of(), Duration.ofSeconds(2))))) {
            assertThat(client.request("{\"handler\":\"init\"}").handler()).isEqualTo("session");

            assertThat(client.awaitClose()).isEqualTo(4001);
        }
    }

    @Test
    void inBandRefresh_keepsTheConnectionAndItsWatchPastTheOldExpiry() throws Exception {
        String shortLived = token("dave", List.of("admin"), Duration.ofSeconds(3));
        String routingKey = "it." + run + ".refresh";
        try (WsTestClient refreshed = WsTestClient.connect(withToken("/", shortLived));
                WsTestClient control = WsTestClient.connect(withToken("/", shortLived))) {
            refreshed.send(
                    "{\"handler\":\"watch\",\"type\":\"mq\",\"params\":{\"exchange\":\"on.test\",\"routingKey\":\""
                            + routingKey
                            + "\"}}");
            assertThat(refreshed.request("{\"handler\":\"init\"}").handler()).isEqualTo("session");
            Message accepted =
                    refreshed.request(
                            "{\"handler\":\"auth\",\"ref\":\"r1\",\"token\":\""
                                    + token("dave", List.of("admin"), Duration.ofHours(1))
                                    + "\"}");
            assertThat(accepted.handler()).isEqualTo("auth");
            assertThat(accepted.ref().textValue()).isEqualTo("r1");
            assertThat(Instant.parse(accepted.get("expiresAt").textValue()))
                    .isAfter(Instant.now().plus(Duration.ofMinutes(30)));

            // The control connection, with the same token and no refresh, is closed by the sweep
            // that would have closed the refreshed one: after it, the old expiry is past.
            assertThat(control.awaitClose()).isEqualTo(4001);
            publisher.publish("on.test", routingKey, "{\"after\":\"expiry\"}");

            Message item = refreshed.next();
            assertThat(item.id().textValue()).isEqualTo(routingKey);
            assertThat(item.data().get("after").textValue()).isEqualTo("expiry");
            assertThat(refreshed.closedFuture()).isNotDone();
        }
    }

    @Test
    void refreshWithABadToken_isUnauthorized_andTheConnectionStays() throws Exception {
        try (WsTestClient client =
                WsTestClient.connect(
                        withToken("/", token("erin", List.of(), Duration.ofHours(1))))) {
            client.send("{\"handler\":\"auth\",\"token\":\"forged.token.value\"}");

            Message refused = client.nextError("unauthorized");

            assertThat(refused.json().toString()).doesNotContain("forged.token.value");
            assertThat(client.request("{\"handler\":\"init\"}").handler()).isEqualTo("session");
        }
    }

    private URI withToken(String path, String token) {
        return gateway.webSocketUri().resolve(path + "?access_token=" + token);
    }

    private static String token(String subject, List<String> roles, Duration validFor) {
        try {
            JWTClaimsSet claims =
                    new JWTClaimsSet.Builder()
                            .subject(subject)
                            .claim("roles", roles)
                            .expirationTime(Date.from(Instant.now().plus(validFor)))
                            .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(SECRET.getBytes()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int statusOf(URI uri) {
        Throwable failure = catchThrowable(() -> WsTestClient.connect(uri).close());
        assertThat(failure).isInstanceOf(ExecutionException.class);
        assertThat(failure.getCause()).isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
    }
}
