package io.monorail.ws.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monorail.ws.protocol.Message;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A client given several gateway instances: where it connects, and where it goes when one dies. */
class SeveralInstancesTest extends GatewayTestSupport {
    private FakeGateway other;

    @AfterEach
    void stopTheOther() {
        if (other != null) {
            other.close();
        }
    }

    private MonorailClient.Builder builder(List<URI> uris) {
        return MonorailClient.builder(uris)
                .reconnect(
                        ReconnectPolicy.exponentialBackoff(
                                Duration.ofMillis(5), Duration.ofMillis(20)))
                .requestTimeout(FakeGateway.WAIT);
    }

    @Test
    void whenItsInstanceDies_theClientGoesToTheNext_resumesThereOrWatchesAgain() throws Exception {
        other = FakeGateway.start();
        MonorailClient client = client(builder(List.of(gateway.uri(), other.uri())));
        Recorder events = Recorder.events(client, "resync");
        FakeConnection first = connectReady(client, "s-1");
        assertThat(client.uri()).isEqualTo(gateway.uri());
        client.watch("mq", Map.of("exchange", "on.events"), new Recorder());
        Message watch = first.next("watch");
        first.send(
                "{'handler':'item','type':'mq','id':'k','data':1,'seq':1,'ref':'"
                        + watch.ref().asText()
                        + "'}");

        gateway.close(); // the instance dies: its connection drops, and it accepts no more

        FakeConnection second = other.nextConnection();
        Message init = second.next("init");
        assertThat(init.text("id"))
                .as("it asks the other instance for its session")
                .isEqualTo("s-1");
        assertThat(init.seq()).hasValue(1);
        assertThat(client.uri()).isEqualTo(other.uri());
        second.send("{'handler':'session','id':'s-2','resumed':false,'reason':'unknown_session'}");
        assertThat(second.next("watch").json()).isEqualTo(watch.json());
        assertThat(events.nextEvent("resync").reason()).contains("unknown_session");
    }

    @Test
    void whenTheFirstInstanceIsDown_theFirstConnectGoesToTheNext() throws Exception {
        other = FakeGateway.start();
        URI down = gateway.uri();
        gateway.close();
        MonorailClient client = client(builder(List.of(down, other.uri())));

        client.connect();

        FakeConnection connection = other.nextConnection();
        connection.acceptInit("s-1");
        assertThat(client.uri()).isEqualTo(other.uri());
    }

    @Test
    void afterADrop_theSameInstanceIsTriedFirst_forItMayStillHoldTheSession() throws Exception {
        other = FakeGateway.start();
        MonorailClient client = client(builder(List.of(gateway.uri(), other.uri())));
        FakeConnection first = connectReady(client, "s-1");

        first.drop();

        assertThat(gateway.nextConnection().next("init").text("id")).isEqualTo("s-1");
        assertThat(other.connectionWithin(Duration.ofMillis(200))).isNull();
    }

    @Test
    void noInstance_orOneThatIsNotAWebSocketUri_isRefused() {
        assertThatThrownBy(() -> MonorailClient.builder(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                MonorailClient.builder(
                                        List.of(gateway.uri(), URI.create("http://x/"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
