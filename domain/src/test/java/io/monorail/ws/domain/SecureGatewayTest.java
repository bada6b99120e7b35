package io.monorail.ws.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.domain.auth.AccessPolicy;
import io.monorail.ws.domain.auth.Authentication;
import io.monorail.ws.domain.auth.GatewaySecurity;
import io.monorail.ws.domain.catalog.ResourceCatalog;
import io.monorail.ws.domain.fake.InMemoryEventFeed;
import io.monorail.ws.domain.fake.InMemoryResourceStore;
import io.monorail.ws.domain.fake.InMemoryTokenVerifier;
import io.monorail.ws.domain.fake.ManualClock;
import io.monorail.ws.domain.fake.RecordingClientConnection;
import io.monorail.ws.domain.filter.FilterLimits;
import io.monorail.ws.domain.port.Principal;
import io.monorail.ws.domain.port.Verification;
import io.monorail.ws.domain.port.in.Handshake;
import io.monorail.ws.domain.session.InMemorySessionStore;
import io.monorail.ws.protocol.Message;
import io.monorail.ws.protocol.MessageCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Authentication, authorization, token expiry and refresh, and rate limits, in the core. */
class SecureGatewayTest {
    private static final String WATCH_MQ =
            "{\"handler\":\"watch\",\"type\":\"mq\",\"params\":{\"exchange\":\"on.test\",\"routingKey\":\"#\"}}";
    private static final String WATCH_WORKFLOWS = "{\"handler\":\"watch\",\"type\":\"workflows\"}";

    private final MessageCodec codec = new MessageCodec();
    private final InMemoryEventFeed feed = new InMemoryEventFeed();
    private final InMemoryResourceStore store = new InMemoryResourceStore();
    private final InMemorySessionStore sessions = new InMemorySessionStore();
    private final ManualClock clock = new ManualClock(1_000_000_000_000L);
    private final InMemoryTokenVerifier tokens = new InMemoryTokenVerifier(clock);
    private final Gateway gateway =
            gateway(GatewayLimits.defaults(), ResourceCatalog.defaults(FilterLimits.defaults()));

    private Gateway gateway(GatewayLimits limits, ResourceCatalog catalog) {
        return new Gateway(
                catalog,
                new GatewayPorts(feed, store, sessions, clock),
                limits,
                new GatewaySecurity(Authentication.required(tokens), AccessPolicy.defaults()),
                Runnable::run);
    }

    @Test
    void noToken_orAnUnknownOne_isRefused() {
        assertThat(gateway.authenticate(null).failure()).contains("no token");
        assertThat(gateway.authenticate(" ").isAccepted()).isFalse();
        assertThat(gateway.authenticate("forged").isAccepted()).isFalse();
    }

    @Test
    void validToken_yieldsItsPrincipal() {
        String token = tokens.issue("alice", List.of("admin"), in(Duration.ofHours(1)));

        Verification result = gateway.authenticate(token);

        assertThat(result.principal().orElseThrow().subject()).isEqualTo("alice");
    }

    @Test
    void withoutAuthentication_everyoneIsAnonymous_andTokensAreIgnored() {
        Gateway open =
                new Gateway(
                        ResourceCatalog.defaults(FilterLimits.defaults()),
                        new GatewayPorts(feed, store, sessions, clock),
                        GatewayLimits.defaults(),
                        GatewaySecurity.open(),
                        Runnable::run);

        assertThat(open.authenticate(null).principal()).contains(Principal.ANONYMOUS);
        assertThat(open.authenticate("whatever").principal()).contains(Principal.ANONYMOUS);
    }

    @Test
    void defaultPolicy_withoutAdmin_mqIsForbidden_butWorkflowsAndReadsAreNot() {
        Client client = connect("bob", List.of("operator"), Duration.ofHours(1));

        client.send(WATCH_MQ);
        Message refused = client.next();
        client.send(WATCH_WORKFLOWS);
        client.send("{\"handler\":\"query\",\"type\":\"nodes\",\"params\":{}}");

        assertThat(refused.handler()).isEqualTo("error");
        assertThat(refused.params().get("code").textValue()).isEqualTo("forbidden");
        assertThat(refused.params().get("message").textValue())
                .isEqualTo("not allowed to watch mq");
        assertThat(client.next().handler()).as("query answered").isEqualTo("list");
        assertThat(feed.bindings()).noneMatch(binding -> binding.exchange().equals("on.test"));
        feed.publish("on.events", "graph.started.g1", "{}");
        assertThat(client.next().type()).isEqualTo("workflows");
    }

    @Test
    void defaultPolicy_admin_mayWatchMq() {
        Client client = connect("root", List.of("admin"), Duration.ofHours(1));
        client.send(WATCH_MQ);

        feed.publish("on.test", "k", "{}");

        assertThat(client.next().handler()).isEqualTo("item");
    }

    @Test
    void readsOfAForbiddenResource_areForbidden_beforeAnythingElse() {
        Client client = connect("bob", List.of(), Duration.ofHours(1));

        client.send("{\"handler\":\"query\",\"type\":\"mq\"}");
        client.send("{\"handler\":\"stop\",\"type\":\"mq\"}");

        assertThat(client.next().params().get("code").textValue()).isEqualTo("forbidden");
        assertThat(client.next().params().get("code").textValue()).isEqualTo("forbidden");
    }

    @Test
    void tokenExpiry_closesWith4001_whenTheSweepRunsAfterIt() {
        Client client = connect("alice", List.of(), Duration.ofSeconds(30));

        clock.advance(Duration.ofSeconds(29));
        assertThat(gateway.closeExpired()).isZero();
        assertThat(client.connection.closeCode()).isEqualTo(-1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(gateway.closeExpired()).isEqualTo(1);
        assertThat(client.connection.closeCode()).isEqualTo(4001);
        assertThat(client.connection.closeReason()).isEqualTo("token expired");
        assertThat(gateway.closeExpired()).as("closed once").isZero();
    }

    @Test
    void aFrameAfterExpiry_isNotHandled_andCloses() {
        Client client = connect("alice", List.of(), Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(31));

        client.send("{\"handler\":\"init\"}");

        assertThat(client.connection.sent()).isEmpty();
        assertThat(client.connection.closeCode()).isEqualTo(4001);
    }

    @Test
    void inBandRefresh_keepsTheConnectionAndItsWatchPastTheOldExpiry() {
        Client client = connect("alice", List.of(), Duration.ofSeconds(30));
        client.send(WATCH_WORKFLOWS);
        Instant later = in(Duration.ofHours(1));
        String fresh = tokens.issue("alice", List.of(), later);

        client.send("{\"handler\":\"auth\",\"token\":\"" + fresh + "\",\"ref\":7}");
        Message accepted = client.next();
        clock.advance(Duration.ofMinutes(5));
        gateway.closeExpired();
        feed.publish("on.events", "graph.finished.g1", "{}");

        assertThat(accepted.handler()).isEqualTo("auth");
        assertThat(accepted.get("expiresAt").textValue()).isEqualTo(later.toString());
        assertThat(accepted.ref().intValue()).isEqualTo(7);
        assertThat(client.connection.closeCode()).isEqualTo(-1);
        assertThat(client.next().id().textValue()).isEqualTo("graph.finished.g1");
    }

    @Test
    void refreshWithABadToken_isUnauthorized_withoutEchoingIt_andTheOldExpiryStands() {
        Client client = connect("alice", List.of(), Duration.ofSeconds(30));

        client.send("{\"handler\":\"auth\",\"token\":\"secret-garbage\"}");
        Message refused = client.next();

        assertThat(refused.params().get("code").textValue()).isEqualTo("unauthorized");
        assertThat(refused.params().has("request")).isFalse();
        assertThat(refused.json().toString()).doesNotContain("secret-garbage");
        clock.advance(Duration.ofSeconds(30));
        gateway.closeExpired();
        assertThat(client.connection.closeCode()).isEqualTo(4001);
    }

    @Test
    void refreshWithAnotherSubjectsToken_isUnauthorized() {
        Client client = connect("alice", List.of(), Duration.ofSeconds(30));
        String mallory = tokens.issue("mallory", List.of("admin"), in(Duration.ofHours(1)));

        client.send("{\"handler\":\"auth\",\"token\":\"" + mallory + "\"}");

        Message refused = client.next();
        assertThat(refused.params().get("code").textValue()).isEqualTo("unauthorized");
        assertThat(refused.params().get("message").textValue()).contains("another subject");
        client.send(WATCH_MQ);
        assertThat(client.next().params().get("code").textValue())
                .as("no admin role gained")
                .isEqualTo("forbidden");
    }

    @Test
    void refreshWithoutAuthentication_isNotSupported() {
        Gateway open =
                new Gateway(
                        ResourceCatalog.defaults(FilterLimits.defaults()),
                        new GatewayPorts(feed, store, sessions, clock),
                        GatewayLimits.defaults(),
                        GatewaySecurity.open(),
                        Runnable::run);
        RecordingClientConnection connection = new RecordingClientConnection();
        Client client =
                new Client(connection, open.connect(Client.anonymous(connection, null)), codec);

        client.send("{\"handler\":\"auth\",\"token\":\"x\"}");

        assertThat(client.next().params().get("code").textValue()).isEqualTo("not_supported");
    }

    @Test
    void resumeByAnotherSubject_getsANewSession_andTheOwnerCanStillResume() {
        Client alice = connect("alice", List.of(), Duration.ofHours(1));
        String id = alice.initAndGetId();
        alice.drop();

        Client mallory = connect("mallory", List.of(), Duration.ofHours(1));
        mallory.send("{\"handler\":\"init\",\"id\":\"" + id + "\",\"seq\":0}");
        Message refused = mallory.next();
        Client again = connect("alice", List.of(), Duration.ofHours(1));
        again.send("{\"handler\":\"init\",\"id\":\"" + id + "\",\"seq\":0}");
        Message resumed = again.next();

        assertThat(refused.get("resumed").booleanValue()).isFalse();
        assertThat(refused.get("reason").textValue()).isEqualTo("unknown_session");
        assertThat(refused.id().textValue()).isNotEqualTo(id);
        assertThat(resumed.get("resumed").booleanValue()).isTrue();
    }

    @Test
    void framesOverTheRate_areRateLimitedAndNotHandled_thenAFloodCloses1008() {
        Gateway limited =
                gateway(
                        GatewayLimits.defaults()
                                .withMessageRate(new RateLimit(1, 2, 3, Duration.ofSeconds(5))),
                        ResourceCatalog.defaults(FilterLimits.defaults()));
        RecordingClientConnection connection = new RecordingClientConnection();
        Client client =
                new Client(
                        connection,
                        limited.connect(handshake(connection, "a", Duration.ofHours(1))),
                        codec);

        client.send("{\"handler\":\"init\"}");
        client.send("{\"handler\":\"init\"}");
        client.send("{\"handler\":\"init\"}");
        assertThat(client.next().handler()).isEqualTo("session");
        assertThat(client.next().handler()).isEqualTo("session");
        Message limitedFrame = client.next();
        assertThat(limitedFrame.params().get("code").textValue()).isEqualTo("rate_limited");
        clock.advance(Duration.ofSeconds(1));
        client.send("{\"handler\":\"init\"}");
        assertThat(client.next().handler()).as("refilled").isEqualTo("session");

        client.send("{\"handler\":\"init\"}");
        client.send("{\"handler\":\"init\"}");
        assertThat(connection.closeCode()).isEqualTo(1008);
        assertThat(connection.closeReason()).isEqualTo("rate limit exceeded");
    }

    @Test
    void mqRoutingKeys_mustStayWithinTheAllowList() {
        Gateway narrow =
                gateway(
                        GatewayLimits.defaults(),
                        ResourceCatalog.defaults(FilterLimits.defaults())
                                .withAllowedExchanges(Set.of("on.events"))
                                .withAllowedRoutingKeys(List.of("graph.#", "*.task.finished")));
        RecordingClientConnection connection = new RecordingClientConnection();
        Client admin =
                new Client(
                        connection,
                        narrow.connect(
                                new Handshake(
                                        connection,
                                        null,
                                        new Principal(
                                                "root", Set.of("admin"), in(Duration.ofHours(1))))),
                        codec);

        admin.send(mq("graph.started.*"));
        admin.send(mq("default.task.finished"));
        admin.send(mq("#"));
        admin.send(
                "{\"handler\":\"watch\",\"type\":\"mq\",\"params\":{\"exchange\":\"on.events\"}}");

        Message wide = admin.next();
        assertThat(wide.params().get("code").textValue()).isEqualTo("forbidden");
        assertThat(wide.params().get("message").textValue())
                .isEqualTo("routing key '#' is not allowed; allowed: graph.#, *.task.finished");
        assertThat(admin.next().params().get("code").textValue())
                .as("no routing key means #")
                .isEqualTo("forbidden");
        assertThat(admin.drainMessages()).isEmpty();
        assertThat(feed.bindings()).hasSize(2);
    }

    private static String mq(String routingKey) {
        return "{\"handler\":\"watch\",\"type\":\"mq\",\"params\":{\"exchange\":\"on.events\",\"routingKey\":\""
                + routingKey
                + "\"}}";
    }

    private Instant in(Duration duration) {
        return Instant.ofEpochMilli(clock.millis()).plus(duration);
    }

    private Handshake handshake(
            RecordingClientConnection connection, String subject, Duration validFor) {
        return new Handshake(connection, null, new Principal(subject, Set.of(), in(validFor)));
    }

    /** A client authenticated the way the transport does it: token first, then connect. */
    private Client connect(String subject, List<String> roles, Duration validFor) {
        String token = tokens.issue(subject, roles, in(validFor));
        Principal principal = gateway.authenticate(token).principal().orElseThrow();
        RecordingClientConnection connection = new RecordingClientConnection();
        return new Client(
                connection, gateway.connect(new Handshake(connection, null, principal)), codec);
    }
}
