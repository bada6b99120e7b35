package io.monorail.ws.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.monorail.ws.protocol.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Reconnecting after a drop, resuming the session, and setting watches up again when it is lost.
 */
class ReconnectTest extends GatewayTestSupport {

    @Test
    void afterAnAbruptDrop_reconnects_andAsksToResumeWithIdAndLastSeq() throws Exception {
        MonorailClient client = client();
        Recorder events = Recorder.events(client, "close", "open");
        FakeConnection first = connectReady(client, "s-1");
        Recorder listener = new Recorder();
        client.watch("mq", Map.of("exchange", "on.events"), listener);
        String ref = first.next("watch").ref().asText();
        sendEvent(first, ref, 1, "a");
        sendEvent(first, ref, 2, "b");
        listener.nextLine();
        listener.nextLine();

        first.drop();

        ClientEvent close = events.nextEvent("close");
        assertThat(close.closeCode()).isPresent();
        FakeConnection second = gateway.nextConnection();
        Message init = second.next("init");
        assertThat(init.text("id")).isEqualTo("s-1");
        assertThat(init.seq()).hasValue(2);
    }

    @Test
    void resumedTrue_keepsTheWatches_andDropsWhatWasAlreadySeen() throws Exception {
        MonorailClient client = client();
        Recorder events = Recorder.events(client, "resync", "ready");
        FakeConnection first = connectReady(client, "s-1");
        events.nextEvent("ready");
        Recorder listener = new Recorder();
        client.watch("mq", Map.of("exchange", "on.events"), listener);
        String ref = first.next("watch").ref().asText();
        sendEvent(first, ref, 1, "a");
        sendEvent(first, ref, 2, "b");
        assertThat(listener.nextLine()).isEqualTo("event a 1");
        assertThat(listener.nextLine()).isEqualTo("event b 2");

        first.drop();
        FakeConnection second = gateway.nextConnection();
        second.next("init");
        second.send("{'handler':'session','id':'s-1','resumed':true}");
        // The server replays from what it believes was missed, overlapping what arrived.
        sendEvent(second, ref, 2, "b");
        sendEvent(second, ref, 3, "c");
        sendEvent(second, ref, 3, "c");
        sendEvent(second, ref, 4, "d");

        assertThat(listener.nextLine()).isEqualTo("event c 3");
        assertThat(listener.nextLine()).isEqualTo("event d 4");
        CompletableFuture<List<JsonNode>> probe = client.allAsync("nodes");
        // The first frame after init is the probe: no watch was sent again.
        second.reply(second.next("all"), "{'handler':'list','type':'nodes','items':[]}");
        await(probe);
        assertThat(listener.noLines()).isTrue();
        events.nextEvent("ready");
        assertThat(events.pendingEvents()).noneMatch(event -> event.name().equals("resync"));
    }

    @Test
    void resumedFalse_setsTheWatchesUpAgain_andEmitsResync() throws Exception {
        MonorailClient client = client();
        Recorder events = Recorder.events(client, "resync");
        FakeConnection first = connectReady(client, "s-1");
        Recorder listener = new Recorder();
        client.watch("catalogs", Map.of("node", "n1"), listener);
        client.watchWithSnapshot("nodes", json("{}"), new Recorder());
        Message catalogs = first.next("watch");
        Message nodes = first.next("watch");
        sendEvent(first, catalogs.ref().asText(), 7, "x");
        listener.nextLine();

        first.drop();
        FakeConnection second = gateway.nextConnection();
        assertThat(second.next("init").seq()).hasValue(7);
        second.send("{'handler':'session','id':'s-2','resumed':false,'reason':'unknown_session'}");

        Message catalogsAgain = second.next("watch");
        Message nodesAgain = second.next("watch");
        assertThat(catalogsAgain.json()).isEqualTo(catalogs.json());
        assertThat(nodesAgain.json()).isEqualTo(nodes.json());
        assertThat(nodesAgain.flag("snapshot")).isTrue();
        ClientEvent resync = events.nextEvent("resync");
        assertThat(resync.reason()).contains("unknown_session");
        assertThat(client.sessionId()).contains("s-2");
        // A new session numbers from 1 again: not mistaken for duplicates.
        sendEvent(second, catalogs.ref().asText(), 1, "y");
        assertThat(listener.nextLine()).isEqualTo("event y 1");
    }

    @Test
    void aWatchClosedWhileDisconnected_isStoppedAfterTheResume() throws Exception {
        MonorailClient client =
                client(
                        builder()
                                .reconnect(
                                        ReconnectPolicy.exponentialBackoff(
                                                Duration.ofMillis(200), Duration.ofMillis(200))));
        Recorder events = Recorder.events(client, "close");
        FakeConnection first = connectReady(client, "s-1");
        Watch watch = client.watch("logs", Map.of("level", "info"), new Recorder());
        first.next("watch");

        first.drop();
        events.nextEvent("close");
        watch.close();
        FakeConnection second = gateway.nextConnection();
        second.next("init");
        second.send("{'handler':'session','id':'s-1','resumed':true}");

        Message stop = second.next("stop");
        assertThat(stop.params()).isEqualTo(json("{'level':'info'}"));
    }

    @Test
    void withoutASession_watchesAreSetUpAgain_andResyncSaysSo() throws Exception {
        MonorailClient client = client(builder().autoInit(false));
        Recorder events = Recorder.events(client, "resync", "ready");
        client.connect();
        FakeConnection first = gateway.nextConnection();
        events.nextEvent("ready");
        client.watch("nodes");
        Message watch = first.next("watch");

        first.drop();
        FakeConnection second = gateway.nextConnection();

        assertThat(second.next("watch").json()).isEqualTo(watch.json());
        assertThat(events.nextEvent("resync").reason()).contains("no_session");
    }

    @Test
    void disconnect_stopsReconnecting() throws Exception {
        MonorailClient client = client();
        Recorder events = Recorder.events(client, "close");
        FakeConnection connection = connectReady(client, "s-1");

        client.disconnect();

        assertThat(connection.awaitClosed()).isEqualTo(1000);
        assertThat(events.nextEvent("close").closeCode()).hasValue(1000);
        assertThat(client.state()).isEqualTo(ConnectionState.DISCONNECTED);
        // Reconnects come within ~20 ms with this policy; none may come at all.
        assertThat(gateway.connectionWithin(Duration.ofMillis(300))).isNull();
    }

    @Test
    void disconnect_duringTheBackoff_stopsReconnecting() throws Exception {
        MonorailClient client =
                client(
                        builder()
                                .reconnect(
                                        ReconnectPolicy.exponentialBackoff(
                                                Duration.ofMillis(300), Duration.ofMillis(300))));
        Recorder events = Recorder.events(client, "close");
        FakeConnection connection = connectReady(client, "s-1");

        connection.drop();
        events.nextEvent("close");
        client.disconnect();

        assertThat(gateway.connectionWithin(Duration.ofMillis(600))).isNull();
        assertThat(client.state()).isEqualTo(ConnectionState.DISCONNECTED);
    }

    @Test
    void connectAfterDisconnect_resumesTheSession() throws Exception {
        MonorailClient client = client();
        FakeConnection first = connectReady(client, "s-1");
        client.watch("nodes");
        first.next("watch");
        client.disconnect();
        first.awaitClosed();

        client.connect();
        FakeConnection second = gateway.nextConnection();

        assertThat(second.next("init").text("id")).isEqualTo("s-1");
    }

    @Test
    void withReconnectOff_aDropLeavesTheClientDisconnected() throws Exception {
        MonorailClient client = client(builder().reconnect(ReconnectPolicy.none()));
        Recorder events = Recorder.events(client, "close");
        FakeConnection connection = connectReady(client, "s-1");

        connection.drop();

        events.nextEvent("close");
        assertThat(client.state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(gateway.connectionWithin(Duration.ofMillis(200))).isNull();
    }

    @Test
    void aSessionTakenOverByAnotherConnection_isNotTakenBack() throws Exception {
        MonorailClient client = client();
        Recorder events = Recorder.events(client, "close", "resync");
        FakeConnection first = connectReady(client, "s-1");
        client.watch("nodes");
        first.next("watch");

        first.close(4002, "session resumed by another connection");

        assertThat(events.nextEvent("close").closeCode()).hasValue(4002);
        assertThat(client.state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(gateway.connectionWithin(Duration.ofMillis(300))).isNull();
        // Connecting again starts a new session (and says so) instead of resuming s-1.
        client.connect();
        FakeConnection second = gateway.nextConnection();
        assertThat(second.next("init").json().has("id")).isFalse();
        second.send("{'handler':'session','id':'s-2'}");
        assertThat(second.next("watch").type()).isEqualTo("nodes");
        assertThat(events.nextEvent("resync").reason()).contains("no_session");
    }

    @Test
    void aConnectionThatFallsSilent_isDroppedAndReopened() throws Exception {
        MonorailClient client =
                client(
                        builder()
                                .pingInterval(Duration.ofMillis(20))
                                .idleTimeout(Duration.ofMillis(150)));
        FakeConnection first = connectReady(client, "s-1");
        // Quiet but answering pings: kept.
        assertThat(gateway.connectionWithin(Duration.ofMillis(400))).isNull();

        first.mute();

        FakeConnection second = gateway.nextConnection();
        assertThat(second.next("init").text("id")).isEqualTo("s-1");
    }

    private static void sendEvent(FakeConnection connection, String ref, int seq, String key) {
        connection.send(
                "{'handler':'item','type':'mq','id':'"
                        + key
                        + "','data':"
                        + seq
                        + ",'seq':"
                        + seq
                        + ",'ref':'"
                        + ref
                        + "'}");
    }
}
