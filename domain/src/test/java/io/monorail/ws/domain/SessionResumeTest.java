package io.monorail.ws.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.domain.auth.GatewaySecurity;
import io.monorail.ws.domain.catalog.ResourceCatalog;
import io.monorail.ws.domain.fake.InMemoryEventFeed;
import io.monorail.ws.domain.fake.InMemoryResourceStore;
import io.monorail.ws.domain.fake.ManualClock;
import io.monorail.ws.domain.fake.RecordingClientConnection;
import io.monorail.ws.domain.filter.FilterLimits;
import io.monorail.ws.domain.session.InMemorySessionStore;
import io.monorail.ws.domain.session.SessionLimits;
import io.monorail.ws.protocol.Message;
import io.monorail.ws.protocol.MessageCodec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionResumeTest {
    private static final String WATCH =
            "{\"handler\":\"watch\",\"type\":\"mq\",\"params\":{\"exchange\":\"on.test\",\"routingKey\":\"#\"}}";

    private final MessageCodec codec = new MessageCodec();
    private final InMemoryEventFeed feed = new InMemoryEventFeed();
    private final InMemorySessionStore sessions = new InMemorySessionStore();
    private final ManualClock clock = new ManualClock(1_000_000);
    private final Gateway gateway =
            new Gateway(
                    ResourceCatalog.defaults(FilterLimits.defaults()),
                    new GatewayPorts(feed, new InMemoryResourceStore(), sessions, clock),
                    GatewayLimits.defaults()
                            .withSessions(
                                    new SessionLimits(5, 1_000_000, Duration.ofMinutes(2), 10)),
                    GatewaySecurity.open(),
                    Runnable::run);

    @Test
    void resumeWithinGrace_replaysExactlyWhatWasMissed_thenLive() {
        Client first = connect();
        String id = first.initAndGetId();
        first.send(WATCH);
        publish("k1");
        long seen = first.next().seq().getAsLong();
        first.drop();
        publish("k2");
        publish("k3");

        Client second = connect();
        second.send(
                "{\"handler\":\"init\",\"id\":\"" + id + "\",\"seq\":" + seen + ",\"ref\":\"r\"}");
        Message session = second.next();
        publish("k4");

        assertThat(session.handler()).isEqualTo("session");
        assertThat(session.id().textValue()).isEqualTo(id);
        assertThat(session.get("resumed").booleanValue()).isTrue();
        assertThat(session.ref().textValue()).isEqualTo("r");
        List<Message> after = second.drainMessages();
        assertThat(after).extracting(m -> m.id().textValue()).containsExactly("k2", "k3", "k4");
        assertThat(after)
                .extracting(m -> m.seq().getAsLong())
                .containsExactly(seen + 1, seen + 2, seen + 3);
    }

    @Test
    void resumeAfterTheBufferOverflowed_isANewSession_andTheOldOneIsReleased() {
        Client first = connect();
        String id = first.initAndGetId();
        first.send(WATCH);
        first.drop();
        for (int i = 0; i < 7; i++) {
            publish("k" + i);
        }

        Client second = connect();
        second.send("{\"handler\":\"init\",\"id\":\"" + id + "\",\"seq\":0}");
        Message session = second.next();

        assertThat(session.get("resumed").booleanValue()).isFalse();
        assertThat(session.get("reason").textValue()).isEqualTo("gap");
        assertThat(session.id().textValue()).isNotEqualTo(id);
        assertThat(feed.bindings()).as("the old session's watch is gone").isEmpty();
    }

    @Test
    void unknownSession_isANewSession_andTheConnectionStaysUsable() {
        Client client = connect();

        client.send("{\"handler\":\"init\",\"id\":\"no-such-session\",\"seq\":3}");
        Message session = client.next();

        assertThat(session.get("resumed").booleanValue()).isFalse();
        assertThat(session.get("reason").textValue()).isEqualTo("unknown_session");
        client.send(WATCH);
        publish("k");
        assertThat(client.next().handler()).isEqualTo("item");
    }

    @Test
    void seqBeyondWhatWasSent_isNotResumed() {
        Client first = connect();
        String id = first.initAndGetId();
        first.drop();

        Client second = connect();
        second.send("{\"handler\":\"init\",\"id\":\"" + id + "\",\"seq\":99}");

        assertThat(second.next().get("reason").textValue()).isEqualTo("unknown_seq");
    }

    @Test
    void badResumeFields_areBadParams() {
        Client client = connect();

        client.send("{\"handler\":\"init\",\"id\":42}");
        assertThat(client.next().params().get("code").textValue()).isEqualTo("bad_params");
        client.send("{\"handler\":\"init\",\"id\":\"x\",\"seq\":-1}");
        assertThat(client.next().params().get("code").textValue()).isEqualTo("bad_params");
        client.send("{\"handler\":\"init\",\"id\":\"x\",\"seq\":\"3\"}");
        assertThat(client.next().params().get("code").textValue()).isEqualTo("bad_params");
    }

    @Test
    void afterTheGracePeriod_theSessionAndItsWatchesAreGone() {
        Client first = connect();
        String id = first.initAndGetId();
        first.send(WATCH);
        first.drop();

        clock.advance(Duration.ofMinutes(2).plusMillis(1));
        assertThat(gateway.expireSessions()).isEqualTo(1);

        assertThat(feed.bindings()).isEmpty();
        Client second = connect();
        second.send("{\"handler\":\"init\",\"id\":\"" + id + "\",\"seq\":0}");
        assertThat(second.next().get("reason").textValue()).isEqualTo("unknown_session");
    }

    @Test
    void withinTheGracePeriod_nothingExpires() {
        Client first = connect();
        first.initAndGetId();
        first.send(WATCH);
        first.drop();

        clock.advance(Duration.ofMinutes(1));

        assertThat(gateway.expireSessions()).isZero();
        assertThat(feed.bindings()).isNotEmpty();
    }

    @Test
    void resumingAnAttachedSession_takesItOverAndClosesTheOlderConnection() {
        Client first = connect();
        String id = first.initAndGetId();
        first.send(WATCH);

        Client second = connect();
        second.send("{\"handler\":\"init\",\"id\":\"" + id + "\",\"seq\":0}");
        assertThat(second.next().get("resumed").booleanValue()).isTrue();
        first.drop(); // the transport reports the close it was asked for
        publish("k");

        assertThat(first.connection.closeCode()).isEqualTo(4002);
        assertThat(first.drainMessages()).isEmpty();
        assertThat(second.next().id().textValue()).isEqualTo("k");
    }

    @Test
    void aConnectionThatNeverAskedForItsSession_releasesItsWatchesOnClose() {
        Client client = connect();
        client.send(WATCH);

        client.drop();

        assertThat(feed.bindings()).isEmpty();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void tooManyDetachedSessions_theOldestGoFirst() {
        for (int i = 0; i < 12; i++) {
            Client client = connect();
            client.initAndGetId();
            client.drop();
            clock.advance(Duration.ofMillis(1));
        }

        assertThat(gateway.expireSessions()).isEqualTo(2);
        assertThat(sessions.size()).isEqualTo(10);
    }

    private void publish(String key) {
        feed.publish("on.test", key, "{}");
    }

    private Client connect() {
        RecordingClientConnection connection = new RecordingClientConnection();
        return new Client(connection, gateway.connect(Client.anonymous(connection, null)), codec);
    }
}
