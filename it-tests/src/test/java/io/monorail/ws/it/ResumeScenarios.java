package io.monorail.ws.it;

import static io.monorail.ws.app.demo.RackHdWriter.doc;
import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.app.GatewayApplication;
import io.monorail.ws.app.demo.RackHdWriter;
import io.monorail.ws.protocol.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * No silent loss, over real sockets: a client whose socket dies comes back and gets exactly what it
 * missed, or is told plainly that it must re-sync; a snapshot watch under concurrent writes ends
 * with the store's exact state. Each subclass runs them against another broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ResumeScenarios {
    private static final int REPLAY_MESSAGES = 20;

    private GatewayApplication gateway;
    private Publisher publisher;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    protected abstract Map<String, String> brokerSettings();

    @BeforeAll
    void start() throws Exception {
        Map<String, String> settings = new HashMap<>(brokerSettings());
        settings.put("replay_messages", Integer.toString(REPLAY_MESSAGES));
        gateway = TestGateways.startConnected(settings);
        publisher = new Publisher(gateway.amqpUri());
    }

    @AfterAll
    void stop() throws Exception {
        if (publisher != null) {
            publisher.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void socketKilled_eventsWhileAway_areReplayedExactlyOnceInOrder_thenLive() throws Exception {
        String key = "it." + run + ".resume";
        WsTestClient first = connect();
        String id = first.request("{\"handler\":\"init\"}").id().textValue();
        watch(first, key + ".#");
        publisher.publish("on.test", key + ".0", "{\"n\":0}");
        long seen = first.next().seq().getAsLong();
        first.close(); // abort: no close frame, like a dead network

        int missed = 10;
        for (int n = 1; n <= missed; n++) {
            publisher.publish("on.test", key + "." + n, "{\"n\":" + n + "}");
        }
        try (WsTestClient second = connect()) {
            Message session =
                    second.request(
                            "{\"handler\":\"init\",\"id\":\"" + id + "\",\"seq\":" + seen + "}");
            assertThat(session.id().textValue()).isEqualTo(id);
            assertThat(session.get("resumed").booleanValue()).isTrue();

            List<Integer> numbers = new ArrayList<>();
            List<Long> seqs = new ArrayList<>();
            for (int n = 1; n <= missed; n++) {
                Message replayed = second.next();
                numbers.add(replayed.data().get("n").intValue());
                seqs.add(replayed.seq().getAsLong());
            }
            assertThat(numbers).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
            assertThat(seqs).isSorted().doesNotHaveDuplicates().allMatch(seq -> seq > seen);

            publisher.publish("on.test", key + ".live", "{\"n\":99}");
            Message live = second.next();
            assertThat(live.data().get("n").intValue()).isEqualTo(99);
            assertThat(live.seq().getAsLong()).isEqualTo(seqs.get(seqs.size() - 1) + 1);
            assertThat(second.pending()).isZero();
        }
    }

    @Test
    void bufferOverflowedWhileAway_isResumedFalse_andReWatchingWorks() throws Exception {
        String key = "it." + run + ".overflow";
        WsTestClient first = connect();
        String id = first.request("{\"handler\":\"init\"}").id().textValue();
        watch(first, key + ".#");
        first.close();

        for (int n = 0; n < REPLAY_MESSAGES + 5; n++) {
            publisher.publish("on.test", key + "." + n, "{}");
        }
        try (WsTestClient second = connect()) {
            Message session =
                    second.request("{\"handler\":\"init\",\"id\":\"" + id + "\",\"seq\":0}");
            assertThat(session.get("resumed").booleanValue()).isFalse();
            assertThat(session.get("reason").textValue()).isEqualTo("gap");
            assertThat(session.id().textValue()).isNotEqualTo(id);

            // A key of its own: events of the old watch may still be on their way.
            watch(second, key + ".after");
            publisher.publish("on.test", key + ".after", "{}");
            assertThat(second.next().id().textValue()).isEqualTo(key + ".after");
        }
    }

    @Test
    void twoConnectionsRacingToResume_oneWins_theOtherIsClosed() throws Exception {
        String key = "it." + run + ".race";
        WsTestClient first = connect();
        String id = first.request("{\"handler\":\"init\"}").id().textValue();
        watch(first, key);
        first.close();

        try (WsTestClient a = connect();
                WsTestClient b = connect()) {
            String resume = "{\"handler\":\"init\",\"id\":\"" + id + "\",\"seq\":0}";
            CompletableFuture<Void> sendA = CompletableFuture.runAsync(() -> send(a, resume));
            CompletableFuture<Void> sendB = CompletableFuture.runAsync(() -> send(b, resume));
            sendA.get(10, TimeUnit.SECONDS);
            sendB.get(10, TimeUnit.SECONDS);
            assertThat(a.next().get("resumed").booleanValue()).isTrue();
            assertThat(b.next().get("resumed").booleanValue()).isTrue();

            // The later resume took the session over: exactly one connection is closed (4002).
            publisher.publish("on.test", key, "{\"winner\":true}");
            WsTestClient loser = awaitOneClosed(a, b);
            WsTestClient winner = loser == a ? b : a;
            assertThat(loser.awaitClose()).isEqualTo(4002);
            assertThat(winner.next().data().get("winner").booleanValue()).isTrue();
        }
    }

    @Test
    void snapshotWatchUnderConcurrentWrites_endsWithTheStoresExactState() throws Exception {
        String tag = "snap-" + run;
        try (RackHdWriter rackhd = new RackHdWriter(gateway.mongoUri(), "pxe", gateway.amqpUri());
                WsTestClient client = connect()) {
            List<Document> nodes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                nodes.add(rackhd.create("nodes", doc("name", tag + "-" + i, "tag", tag, "v", 0)));
            }
            CompletableFuture<Void> writes =
                    CompletableFuture.runAsync(
                            () -> {
                                try {
                                    for (int round = 1; round <= 3; round++) {
                                        for (int i = 0; i < nodes.size(); i += 2) {
                                            Document node = nodes.get(i);
                                            node.put("v", round);
                                            rackhd.update("nodes", node);
                                        }
                                    }
                                    rackhd.destroy("nodes", nodes.get(1));
                                    rackhd.create(
                                            "nodes",
                                            doc("name", tag + "-late", "tag", tag, "v", 0));
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            client.send(
                    "{\"handler\":\"watch\",\"type\":\"nodes\",\"snapshot\":true,\"params\":{\"tag\":\""
                            + tag
                            + "\"}}");
            writes.get(60, TimeUnit.SECONDS);

            Map<String, Integer> expected;
            try (WsTestClient other = connect()) {
                Message state =
                        other.request(
                                "{\"handler\":\"query\",\"type\":\"nodes\",\"params\":{\"tag\":\""
                                        + tag
                                        + "\"}}");
                expected = versions(state);
            }
            assertThat(expected).hasSize(20);

            // Apply what arrives; a lost change would leave the view short of the store forever,
            // and next() fails when nothing more comes.
            Message list = client.next();
            assertThat(list.handler()).isEqualTo("list");
            Map<String, Integer> view = versions(list);
            while (!view.equals(expected)) {
                Message change = client.next();
                if (change.handler().equals("remove")) {
                    view.remove(change.id().textValue());
                } else {
                    view.put(change.id().get(1).textValue(), change.data().get("v").intValue());
                }
            }
            assertThat(view).isEqualTo(expected);
        }
    }

    private static Map<String, Integer> versions(Message list) {
        Map<String, Integer> versions = new HashMap<>();
        list.items()
                .forEach(
                        item -> versions.put(item.get("id").textValue(), item.get("v").intValue()));
        return versions;
    }

    private static WsTestClient awaitOneClosed(WsTestClient a, WsTestClient b) throws Exception {
        CompletableFuture<WsTestClient> first =
                CompletableFuture.anyOf(
                                a.closedFuture().thenApply(code -> a),
                                b.closedFuture().thenApply(code -> b))
                        .thenApply(WsTestClient.class::cast);
        return first.get(WsTestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void send(WsTestClient client, String text) {
        try {
            client.send(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private WsTestClient connect() throws Exception {
        return WsTestClient.connect(gateway.webSocketUri());
    }

    private static void watch(WsTestClient client, String routingKey) throws Exception {
        client.send(
                "{\"handler\":\"watch\",\"type\":\"mq\",\"params\":{\"exchange\":\"on.test\",\"routingKey\":\""
                        + routingKey
                        + "\"}}");
        assertThat(client.request("{\"handler\":\"init\"}").handler()).isEqualTo("session");
    }
}
