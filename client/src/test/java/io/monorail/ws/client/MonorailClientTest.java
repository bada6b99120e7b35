package io.monorail.ws.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monorail.ws.protocol.ErrorCode;
import io.monorail.ws.protocol.Message;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The seed API: connecting, the session handshake, fire-and-forget requests and events. */
class MonorailClientTest extends GatewayTestSupport {

    @Test
    void connect_sendsInit_andInitCallbackGetsTheSessionId() throws Exception {
        MonorailClient client = client();
        Recorder events = Recorder.events(client, "open", "init", "ready");

        CompletableFuture<Void> opened = client.connect();
        FakeConnection connection = gateway.nextConnection();
        await(opened);
        Message init = connection.next("init");
        assertThat(init.json().has("id")).isFalse();
        connection.send("{'handler':'session','id':'s-1'}");

        CompletableFuture<String> sessionId = new CompletableFuture<>();
        client.init(sessionId::complete);
        assertThat(await(sessionId)).isEqualTo("s-1");
        assertThat(events.nextEvent().name()).isEqualTo("open");
        assertThat(events.nextEvent().name()).isEqualTo("init");
        assertThat(events.nextEvent().name()).isEqualTo("ready");
        assertThat(client.sessionId()).contains("s-1");
        assertThat(client.state()).isEqualTo(ConnectionState.READY);
    }

    @Test
    void withoutAutoInit_initSendsInitOnDemand() throws Exception {
        MonorailClient client = client(builder().autoInit(false));
        CompletableFuture<Void> ready = new CompletableFuture<>();
        client.ready(() -> ready.complete(null));
        client.connect();
        FakeConnection connection = gateway.nextConnection();
        await(ready);

        CompletableFuture<String> sessionId = new CompletableFuture<>();
        client.init(sessionId::complete);
        connection.acceptInit("s-2");

        assertThat(await(sessionId)).isEqualTo("s-2");
    }

    @Test
    void seedRequests_sendFrames_andRepliesArriveAsHandlerAndMessageEvents() throws Exception {
        MonorailClient client = client();
        FakeConnection connection = connectReady(client, "s-1");
        Recorder events = Recorder.events(client, "message", "list");

        client.query("nodes", Map.of("name", "n1"));
        client.all("skus");
        client.get("nodes", json("{'id':'n1'}"));
        client.watch("catalogs", Map.of("node", "n1"));
        client.stop("catalogs", Map.of("node", "n1"));

        Message query = connection.next("query");
        assertThat(query.type()).isEqualTo("nodes");
        assertThat(query.params()).isEqualTo(json("{'name':'n1'}"));
        assertThat(connection.next("all").type()).isEqualTo("skus");
        assertThat(connection.next("get").params()).isEqualTo(json("{'id':'n1'}"));
        assertThat(connection.next("watch").params()).isEqualTo(json("{'node':'n1'}"));
        assertThat(connection.next("stop").params()).isEqualTo(json("{'node':'n1'}"));

        connection.send("{'handler':'list','type':'nodes','items':[{'id':'n1'}]}");
        ClientEvent message = events.nextEvent();
        ClientEvent list = events.nextEvent();
        assertThat(message.name()).isEqualTo("message");
        assertThat(list.name()).isEqualTo("list");
        assertThat(list.message().orElseThrow().items()).isEqualTo(json("[{'id':'n1'}]"));
    }

    @Test
    void typeField_resource_namesTheResourceTheRackHdWay() throws Exception {
        MonorailClient client =
                client(builder().typeField(io.monorail.ws.protocol.TypeField.RESOURCE));
        FakeConnection connection = connectReady(client, "s-1");

        client.all("nodes");

        Message all = connection.next("all");
        assertThat(all.json().get("resource").asText()).isEqualTo("nodes");
        assertThat(all.json().has("type")).isFalse();
    }

    @Test
    void callbacks_runOnTheClientsEventThread_inArrivalOrder() throws Exception {
        MonorailClient client = client(builder().name("acme-client"));
        FakeConnection connection = connectReady(client, "s-1");
        Recorder events = Recorder.events(client, "item");

        for (int i = 1; i <= 20; i++) {
            connection.send("{'handler':'item','type':'mq','id':'k" + i + "','data':" + i + "}");
        }

        for (int i = 1; i <= 20; i++) {
            assertThat(events.nextEvent().message().orElseThrow().data().asInt()).isEqualTo(i);
            assertThat(events.nextThread()).isEqualTo("acme-client-events");
        }
    }

    @Test
    void listenerExceptions_doNotStopTheClient() throws Exception {
        MonorailClient client = client();
        FakeConnection connection = connectReady(client, "s-1");
        client.on(
                "item",
                event -> {
                    throw new IllegalStateException("a listener bug");
                });
        Recorder events = Recorder.events(client, "item");
        Recorder watch = new Recorder();
        client.watch(
                "mq",
                Map.of("exchange", "on.events"),
                new WatchListener() {
                    @Override
                    public void event(
                            String routingKey, com.fasterxml.jackson.databind.JsonNode data) {
                        throw new IllegalStateException("a watch listener bug");
                    }
                });
        client.watch("logs", Map.of(), watch);
        String mqRef = connection.next("watch").ref().asText();
        String logsRef = connection.next("watch").ref().asText();

        connection.send(
                "{'handler':'item','type':'mq','id':'a','data':1,'seq':1,'ref':'" + mqRef + "'}");
        connection.send(
                "{'handler':'item','type':'logs','id':'info','data':2,'seq':2,'ref':'"
                        + logsRef
                        + "'}");

        assertThat(events.nextEvent().message().orElseThrow().data().asInt()).isEqualTo(1);
        assertThat(events.nextEvent().message().orElseThrow().data().asInt()).isEqualTo(2);
        assertThat(watch.nextLine()).isEqualTo("event info 2");
        CompletableFuture<List<com.fasterxml.jackson.databind.JsonNode>> answer =
                client.allAsync("nodes");
        connection.reply(connection.next("all"), "{'handler':'list','type':'nodes','items':[]}");
        assertThat(await(answer)).isEmpty();
    }

    @Test
    void errorFrames_areErrorEventsWithTheFrame_andTheCode() throws Exception {
        MonorailClient client = client();
        FakeConnection connection = connectReady(client, "s-1");
        Recorder events = Recorder.events(client, "error");

        connection.send(
                "{'handler':'error','type':'planets','params':{'code':'unknown_type','message':'unknown type'}}");

        ClientEvent error = events.nextEvent();
        assertThat(error.isErrorFrame()).isTrue();
        assertThat(error.message()).isPresent();
        MonorailException cause = (MonorailException) error.error().orElseThrow();
        assertThat(cause.code()).contains(ErrorCode.UNKNOWN_TYPE);
        assertThat(cause.reason()).isEqualTo(MonorailException.Reason.ERROR_FRAME);
    }

    @Test
    void transportErrors_areErrorEventsWithoutFrame_andWithoutReconnectConnectFails()
            throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        MonorailClient client =
                client(
                        MonorailClient.builder(URI.create("ws://127.0.0.1:" + freePort + "/"))
                                .reconnect(ReconnectPolicy.none()));
        Recorder events = Recorder.events(client, "error");

        CompletableFuture<Void> connecting = client.connect();

        ClientEvent error = events.nextEvent();
        assertThat(error.isErrorFrame()).isFalse();
        assertThat(error.message()).isEmpty();
        assertThat(error.error()).isPresent();
        assertThatThrownBy(() -> connecting.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class);
        assertThat(client.state()).isEqualTo(ConnectionState.DISCONNECTED);
    }

    @Test
    void requestsMadeBeforeConnecting_areSentAfterTheHandshake() throws Exception {
        MonorailClient client = client();
        CompletableFuture<List<com.fasterxml.jackson.databind.JsonNode>> answer =
                client.queryAsync("nodes", Map.of("sku", "x"));
        client.all("skus");

        client.connect();
        FakeConnection connection = gateway.nextConnection();
        connection.acceptInit("s-1");

        Message query = connection.next("query");
        connection.next("all");
        connection.reply(query, "{'handler':'list','type':'nodes','items':[{'id':'n1'}]}");
        assertThat(await(answer)).containsExactly(json("{'id':'n1'}"));
    }

    @Test
    void ready_runsRightAwayWhenAlreadyReady() throws Exception {
        MonorailClient client = client();
        connectReady(client, "s-1");
        BlockingQueue<String> ran = new LinkedBlockingQueue<>();

        client.ready(() -> ran.add("ready"));

        assertThat(ran.poll(5, TimeUnit.SECONDS)).isEqualTo("ready");
    }

    @Test
    void once_firesOnce_andOffRemoves() throws Exception {
        MonorailClient client = client();
        FakeConnection connection = connectReady(client, "s-1");
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        client.once("item", event -> seen.add("once"));
        java.util.function.Consumer<ClientEvent> removed = event -> seen.add("removed");
        client.on("item", removed);
        assertThat(client.off("item", removed)).isTrue();
        Recorder events = Recorder.events(client, "item");

        connection.send("{'handler':'item','type':'mq','id':'a','data':1}");
        connection.send("{'handler':'item','type':'mq','id':'b','data':2}");

        events.nextEvent();
        events.nextEvent();
        assertThat(seen).containsExactly("once");
    }

    @Test
    void close_releasesTheClientsThreads() throws Exception {
        MonorailClient client = client(builder().name("closing-client"));
        FakeConnection connection = connectReady(client, "s-1");

        client.close();

        assertThat(connection.awaitClosed()).isNotZero();
        assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(
                        thread ->
                                thread.getName().startsWith("closing-client") && thread.isAlive());
        assertThatThrownBy(() -> client.all("nodes")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void close_fromACallback_doesNotDeadlock() throws Exception {
        MonorailClient client = client();
        FakeConnection connection = connectReady(client, "s-1");
        CompletableFuture<Void> closed = new CompletableFuture<>();
        client.on(
                "item",
                event -> {
                    client.close();
                    closed.complete(null);
                });

        connection.send("{'handler':'item','type':'mq','id':'a','data':1}");

        await(closed);
        assertThat(connection.awaitClosed()).isNotZero();
        assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
    }
}
