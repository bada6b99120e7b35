package io.monorail.ws.it;

import static io.monorail.ws.app.demo.RackHdWriter.doc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.monorail.ws.app.GatewayApplication;
import io.monorail.ws.app.demo.RackHdWriter;
import io.monorail.ws.client.ClientEvent;
import io.monorail.ws.client.MonorailClient;
import io.monorail.ws.client.MonorailException;
import io.monorail.ws.client.ReconnectPolicy;
import io.monorail.ws.client.Watch;
import io.monorail.ws.client.WatchListener;
import io.monorail.ws.domain.testing.TcpProxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Java client against the running gateway, for every handler, and across a dead network: it
 * resumes and gets exactly what it missed, or re-watches and says so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JavaClientIT {
    private static final long WAIT = 15;
    private static final int REPLAY_MESSAGES = 30;

    private GatewayApplication gateway;
    private Publisher publisher;
    private RackHdWriter rackhd;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    void start() throws Exception {
        gateway =
                TestGateways.startConnected(
                        Map.of("replay_messages", Integer.toString(REPLAY_MESSAGES)));
        publisher = new Publisher(gateway.amqpUri());
        rackhd = new RackHdWriter(gateway.mongoUri(), "pxe", gateway.amqpUri());
    }

    @AfterAll
    void stop() throws Exception {
        rackhd.close();
        publisher.close();
        gateway.close();
    }

    @Test
    void everyHandler_throughTheTypedApi() throws Exception {
        Document node = rackhd.create("nodes", doc("name", "client-" + run, "tag", run));
        String id = RackHdWriter.id(node);
        try (MonorailClient client = client(gateway.webSocketUri())) {
            client.connect().get(WAIT, TimeUnit.SECONDS);
            CompletableFuture<String> session = new CompletableFuture<>();
            client.init(session::complete);
            assertThat(session.get(WAIT, TimeUnit.SECONDS)).hasSizeGreaterThanOrEqualTo(22);

            List<JsonNode> found =
                    client.queryAsync("nodes", Map.of("tag", run)).get(WAIT, TimeUnit.SECONDS);
            assertThat(found).extracting(n -> n.get("id").textValue()).containsExactly(id);
            assertThat(client.allAsync("nodes").get(WAIT, TimeUnit.SECONDS))
                    .anySatisfy(n -> assertThat(n.get("id").textValue()).isEqualTo(id));
            Optional<JsonNode> got =
                    client.getAsync("nodes", Map.of("id", id)).get(WAIT, TimeUnit.SECONDS);
            assertThat(got)
                    .hasValueSatisfying(
                            n -> assertThat(n.get("name").textValue()).isEqualTo("client-" + run));
            assertThat(
                            client.getAsync("nodes", Map.of("id", "missing-" + run))
                                    .get(WAIT, TimeUnit.SECONDS))
                    .isEmpty();

            ExecutionException refused =
                    org.junit.jupiter.api.Assertions.assertThrows(
                            ExecutionException.class,
                            () ->
                                    client.queryAsync("nodes", Map.of("$where", "1"))
                                            .get(WAIT, TimeUnit.SECONDS));
            assertThat(refused.getCause()).isInstanceOf(MonorailException.class);
            assertThat(((MonorailException) refused.getCause()).wireCode())
                    .hasValue("forbidden_operator");

            BlockingQueue<String> changes = new LinkedBlockingQueue<>();
            Watch watch =
                    client.watch(
                            "nodes",
                            Map.of("tag", run),
                            new WatchListener() {
                                @Override
                                public void created(String docId, JsonNode data) {
                                    changes.add("created " + data.get("name").textValue());
                                }

                                @Override
                                public void updated(String docId, JsonNode data) {
                                    changes.add("updated " + data.get("name").textValue());
                                }

                                @Override
                                public void destroyed(String docId, JsonNode data) {
                                    changes.add("destroyed " + docId);
                                }
                            });
            client.queryAsync("nodes", Map.of("tag", "none"))
                    .get(WAIT, TimeUnit.SECONDS); // watch is set up
            Document other = rackhd.create("nodes", doc("name", "second-" + run, "tag", run));
            other.put("name", "renamed-" + run);
            rackhd.update("nodes", other);
            rackhd.destroy("nodes", other);
            assertThat(take(changes)).isEqualTo("created second-" + run);
            assertThat(take(changes)).isEqualTo("updated renamed-" + run);
            assertThat(take(changes)).isEqualTo("destroyed " + RackHdWriter.id(other));

            watch.close();
            client.queryAsync("nodes", Map.of("tag", "none"))
                    .get(WAIT, TimeUnit.SECONDS); // stop processed
            rackhd.create("nodes", doc("name", "after-stop", "tag", run));
            BlockingQueue<String> marker = new LinkedBlockingQueue<>();
            client.watch(
                    "skus",
                    Map.of("tag", run),
                    new WatchListener() {
                        @Override
                        public void created(String docId, JsonNode data) {
                            marker.add(docId);
                        }
                    });
            client.queryAsync("skus", Map.of("tag", "none")).get(WAIT, TimeUnit.SECONDS);
            rackhd.create("skus", doc("name", "marker", "tag", run));
            assertThat(marker.poll(WAIT, TimeUnit.SECONDS)).isNotNull();
            assertThat(changes).as("nothing after the watch was closed").isEmpty();
        }
    }

    @Test
    void seedApi_deliversFramesAsEventsByHandlerName() throws Exception {
        try (MonorailClient client = client(gateway.webSocketUri())) {
            BlockingQueue<ClientEvent> items = new LinkedBlockingQueue<>();
            client.on("item", items::add);
            client.connect().get(WAIT, TimeUnit.SECONDS);
            client.watch("mq", Map.of("exchange", "on.test", "routingKey", "seed." + run));
            client.queryAsync("nodes", Map.of("tag", "none")).get(WAIT, TimeUnit.SECONDS);

            publisher.publish("on.test", "seed." + run, "{\"hello\":1}");

            ClientEvent item = items.poll(WAIT, TimeUnit.SECONDS);
            assertThat(item).isNotNull();
            assertThat(item.message().orElseThrow().id().textValue()).isEqualTo("seed." + run);
        }
    }

    @Test
    void deadNetwork_clientResumesAndGetsExactlyWhatItMissed() throws Exception {
        try (TcpProxy proxy = new TcpProxy(gateway.port());
                MonorailClient client =
                        client(URI.create("ws://127.0.0.1:" + proxy.port() + "/"))) {
            BlockingQueue<Integer> received = new LinkedBlockingQueue<>();
            BlockingQueue<String> resyncs = new LinkedBlockingQueue<>();
            client.on(ClientEvent.RESYNC, event -> resyncs.add(event.reason().orElse("?")));
            client.connect().get(WAIT, TimeUnit.SECONDS);
            String key = "resume." + run;
            watchNumbers(client, key, received);
            publisher.publish("on.test", key, "{\"n\":0}");
            assertThat(received.poll(WAIT, TimeUnit.SECONDS)).isZero();

            proxy.cut(); // a blip: every connection drops, and the network is back at once
            proxy.restore();
            for (int n = 1; n <= 10; n++) {
                publisher.publish("on.test", key, "{\"n\":" + n + "}");
            }
            for (int n = 1; n <= 10; n++) {
                assertThat(received.poll(WAIT, TimeUnit.SECONDS)).isEqualTo(n);
            }
            publisher.publish("on.test", key, "{\"n\":11}");
            assertThat(received.poll(WAIT, TimeUnit.SECONDS)).isEqualTo(11);
            assertThat(resyncs).as("a resumed session needs no resync").isEmpty();
            assertThat(received).isEmpty();
        }
    }

    @Test
    void awayTooLong_clientIsToldToResync_andItsWatchWorksAgain() throws Exception {
        try (TcpProxy proxy = new TcpProxy(gateway.port());
                MonorailClient client =
                        client(URI.create("ws://127.0.0.1:" + proxy.port() + "/"))) {
            BlockingQueue<String> resyncs = new LinkedBlockingQueue<>();
            BlockingQueue<Integer> received = new LinkedBlockingQueue<>();
            client.on(ClientEvent.RESYNC, event -> resyncs.add(event.reason().orElse("?")));
            client.connect().get(WAIT, TimeUnit.SECONDS);
            String key = "overflow." + run;
            watchNumbers(client, key, received);

            // A dead network that stays dead while more happens than the buffer holds.
            proxy.cut();
            for (int n = 0; n < REPLAY_MESSAGES + 10; n++) {
                publisher.publish("on.test", key, "{\"n\":" + n + "}");
            }
            received.clear();
            proxy.restore();

            assertThat(resyncs.poll(WAIT, TimeUnit.SECONDS)).isEqualTo("gap");
            client.queryAsync("nodes", Map.of("tag", "none"))
                    .get(WAIT, TimeUnit.SECONDS); // re-watched
            received.clear(); // whatever the dying socket still delivered
            publisher.publish("on.test", key, "{\"n\":1000}");
            assertThat(received.poll(WAIT, TimeUnit.SECONDS)).isEqualTo(1000);
        }
    }

    @Test
    void whenItsInstanceDies_clientGoesToTheNextOfItsList_andWatchesThere() throws Exception {
        GatewayApplication dying = TestGateways.startConnected(Map.of());
        try (MonorailClient client =
                MonorailClient.builder(List.of(dying.webSocketUri(), gateway.webSocketUri()))
                        .reconnect(
                                ReconnectPolicy.exponentialBackoff(
                                        Duration.ofMillis(50), Duration.ofMillis(500)))
                        .requestTimeout(Duration.ofSeconds(WAIT))
                        .build()) {
            BlockingQueue<String> resyncs = new LinkedBlockingQueue<>();
            BlockingQueue<Integer> received = new LinkedBlockingQueue<>();
            client.on(ClientEvent.RESYNC, event -> resyncs.add(event.reason().orElse("?")));
            client.connect().get(WAIT, TimeUnit.SECONDS);
            String key = "failover." + run;
            watchNumbers(client, key, received);
            try (Publisher dyingBus = new Publisher(dying.amqpUri())) {
                dyingBus.publish("on.test", key, "{\"n\":1}");
            }
            assertThat(received.poll(WAIT, TimeUnit.SECONDS)).isEqualTo(1);

            dying.close();

            // Outside cluster mode the other instance does not know the session, so the client is
            // told to resync and sets its watch up there (ClusterIT shows the cluster's way).
            assertThat(resyncs.poll(WAIT, TimeUnit.SECONDS)).isEqualTo("unknown_session");
            assertThat(client.uri()).isEqualTo(gateway.webSocketUri());
            client.queryAsync("nodes", Map.of("tag", "none")).get(WAIT, TimeUnit.SECONDS);
            publisher.publish("on.test", key, "{\"n\":2}");
            assertThat(received.poll(WAIT, TimeUnit.SECONDS)).isEqualTo(2);
        } finally {
            dying.close();
        }
    }

    /**
     * Watches {@code key} on {@code on.test}, collecting each body's {@code n}; returns when bound.
     */
    private static void watchNumbers(
            MonorailClient client, String key, BlockingQueue<Integer> received) throws Exception {
        client.watch(
                "mq",
                Map.of("exchange", "on.test", "routingKey", key),
                new WatchListener() {
                    @Override
                    public void event(String routingKey, JsonNode data) {
                        received.add(data.get("n").intValue());
                    }
                });
        // Frames are handled in order: an answer to a later request means the watch is bound.
        client.queryAsync("nodes", Map.of("tag", "none")).get(WAIT, TimeUnit.SECONDS);
    }

    private static String take(BlockingQueue<String> queue) throws InterruptedException {
        String next = queue.poll(WAIT, TimeUnit.SECONDS);
        assertThat(next).as("an event within %s s", WAIT).isNotNull();
        return next;
    }

    private static MonorailClient client(URI uri) {
        return MonorailClient.builder(uri)
                .reconnect(
                        ReconnectPolicy.exponentialBackoff(
                                Duration.ofMillis(50), Duration.ofMillis(500)))
                .requestTimeout(Duration.ofSeconds(WAIT))
                .build();
    }
}
