package io.monorail.ws.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.monorail.ws.client.ClientEvent;
import io.monorail.ws.client.MonorailClient;
import io.monorail.ws.client.ReconnectPolicy;
import io.monorail.ws.client.WatchListener;
import io.monorail.ws.protocol.Message;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Cluster mode end to end (ADR 13, issue 12): three gateway processes from the fat jar on the
 * machine's real RabbitMQ, sharing an event stream and a session stream. A client that loses its
 * instance, however it loses it, resumes on another with exactly what it missed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterIT {
    private static final long WAIT_SECONDS = 30;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String exchange = "it.cluster." + run;
    private final Map<String, String> settings = new HashMap<>();
    private final List<GatewayProcess> gateways = new ArrayList<>();
    private GatewayProcess a;
    private GatewayProcess b;
    private GatewayProcess c;
    private Publisher publisher;

    @BeforeAll
    void startThree() throws Exception {
        LocalRabbitMq.requireOrSkip();
        settings.put("AMQP_URI", LocalRabbitMq.URI);
        settings.put("CLUSTER", "streams");
        settings.put("CLUSTER_EVENT_STREAM", "it.events." + run);
        settings.put("CLUSTER_SESSION_STREAM", "it.sessions." + run);
        settings.put("CLUSTER_CHECKPOINT_SECONDS", "1");
        settings.put("MQ_EXCHANGES", exchange);
        publisher = new Publisher(URI.create(LocalRabbitMq.URI));
        publisher.publish(exchange, "declare", "{}"); // the exchange exists before the stream binds
        a = start("a");
        b = start("b");
        c = start("c");
    }

    @AfterAll
    void stopAll() throws Exception {
        for (GatewayProcess gateway : gateways) {
            gateway.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        if (settings.containsKey("AMQP_URI")) {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(LocalRabbitMq.URI);
            try (Connection connection = factory.newConnection();
                    Channel channel = connection.createChannel()) {
                channel.queueDelete(settings.get("CLUSTER_EVENT_STREAM"));
                channel.queueDelete(settings.get("CLUSTER_SESSION_STREAM"));
                channel.exchangeDelete(exchange);
            }
        }
    }

    @Test
    void aClientCutOffFromOneInstance_resumesOnAnother_withExactlyTheMissedMessages_thenLive()
            throws Exception {
        String key = "cut." + run;
        WsTestClient onA = WsTestClient.connect(a.uri());
        String id = onA.request("{\"handler\":\"init\"}").id().textValue();
        watch(onA, key);
        for (int n = 1; n <= 5; n++) {
            publish(key, n);
        }
        assertThat(numbers(onA, 5)).containsExactly(1, 2, 3, 4, 5);
        onA.close(); // abort: no close frame, like a dead network
        for (int n = 6; n <= 8; n++) {
            publish(key, n);
        }

        try (WsTestClient onB = WsTestClient.connect(b.uri())) {
            Message session = onB.request("{\"handler\":\"init\",\"id\":\"" + id + "\",\"seq\":5}");
            assertThat(session.get("resumed").booleanValue()).isTrue();
            assertThat(session.id().textValue()).isEqualTo(id);
            List<Message> replayed = List.of(onB.next(), onB.next(), onB.next());
            assertThat(replayed)
                    .extracting(m -> m.data().get("n").intValue())
                    .containsExactly(6, 7, 8);
            assertThat(replayed).extracting(m -> m.seq().getAsLong()).containsExactly(6L, 7L, 8L);
            publish(key, 9);
            Message live = onB.next();
            assertThat(live.data().get("n").intValue()).isEqualTo(9);
            assertThat(live.seq().getAsLong()).isEqualTo(9);
            assertThat(onB.nextOrNull()).as("nothing repeated").isNull();
        }
    }

    @Test
    void aFilteredWatchOfNodes_isTakenOver_withTheEnterAndLeaveItMissed() throws Exception {
        String sku = "sku-" + run;
        WsTestClient onA = WsTestClient.connect(a.uri());
        String id = onA.request("{\"handler\":\"init\"}").id().textValue();
        onA.send("{\"handler\":\"watch\",\"type\":\"nodes\",\"params\":{\"sku\":\"" + sku + "\"}}");
        assertThat(onA.request("{\"handler\":\"init\"}").handler()).isEqualTo("session");
        node("created", "n1-" + run, sku);
        node("updated", "n1-" + run, "other");
        List<Message> seen = List.of(onA.next(), onA.next());
        assertThat(seen).extracting(Message::handler).containsExactly("item", "remove");
        onA.close(); // cut off
        node("updated", "n1-" + run, sku); // enters again, missed
        node("updated", "n2-" + run, "other"); // never shown, does not match: nothing

        try (WsTestClient onB = WsTestClient.connect(b.uri())) {
            Message session = onB.request("{\"handler\":\"init\",\"id\":\"" + id + "\",\"seq\":2}");
            assertThat(session.get("resumed").booleanValue()).isTrue();
            Message entered = onB.next();
            assertThat(entered.handler()).isEqualTo("item");
            assertThat(entered.get("reason").textValue()).isEqualTo("enter");
            assertThat(entered.seq().getAsLong()).isEqualTo(3);
            node("updated", "n1-" + run, "other"); // live: b knows it was shown, so it leaves
            Message left = onB.next();
            assertThat(left.handler()).isEqualTo("remove");
            assertThat(left.get("reason").textValue()).isEqualTo("leave");
            assertThat(left.seq().getAsLong()).isEqualTo(4);
            assertThat(onB.nextOrNull()).isNull();
        }
    }

    /** A node record event as RackHD publishes it on on.waterline. */
    private void node(String event, String id, String sku) throws Exception {
        publisher.publish(
                "on.waterline",
                "nodes." + event + "." + id,
                "{\"event\":\""
                        + event
                        + "\",\"record\":{\"id\":\""
                        + id
                        + "\",\"sku\":\""
                        + sku
                        + "\"}}");
    }

    @Test
    void aSessionStillAttachedToOneInstance_isTakenOverByAnother_whichClosesTheFirstWith4002()
            throws Exception {
        String key = "takeover." + run;
        try (WsTestClient onA = WsTestClient.connect(a.uri());
                WsTestClient onC = WsTestClient.connect(c.uri())) {
            String id = onA.request("{\"handler\":\"init\"}").id().textValue();
            watch(onA, key);
            publish(key, 1);
            assertThat(numbers(onA, 1)).containsExactly(1);

            Message session = onC.request("{\"handler\":\"init\",\"id\":\"" + id + "\",\"seq\":1}");

            assertThat(session.get("resumed").booleanValue()).isTrue();
            assertThat(onA.awaitClose()).isEqualTo(4002);
            publish(key, 2);
            assertThat(numbers(onC, 1)).containsExactly(2);
        }
    }

    @Test
    void anInstanceKilledWhileItsClientsWatch_theyResumeOnTheOthers_withNothingLostOrRepeated()
            throws Exception {
        String key = "kill." + run;
        int clients = 20;
        int total = 300;
        List<WsTestClient> onA = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            WsTestClient client = WsTestClient.connect(a.uri());
            ids.add(client.request("{\"handler\":\"init\"}").id().textValue());
            watch(client, key);
            onA.add(client);
        }
        AtomicInteger published = new AtomicInteger();
        ExecutorService flow = Executors.newSingleThreadExecutor();
        Future<?> publishing = flow.submit(() -> publishAtRate(key, total, 100, published));
        try {
            awaitPublished(published, 100);
            a.kill();

            for (int i = 0; i < clients; i++) {
                List<Message> before = untilClosed(onA.get(i));
                long seen = before.isEmpty() ? 0 : before.get(before.size() - 1).seq().getAsLong();
                GatewayProcess next = i % 2 == 0 ? b : c;
                try (WsTestClient resumed = WsTestClient.connect(next.uri())) {
                    Message session =
                            resumed.request(
                                    "{\"handler\":\"init\",\"id\":\""
                                            + ids.get(i)
                                            + "\",\"seq\":"
                                            + seen
                                            + "}");
                    assertThat(session.get("resumed").booleanValue())
                            .as("client %d resumed on %s", i, next.name())
                            .isTrue();
                    List<Message> after = new ArrayList<>();
                    while (numberOf(before, after) < total) {
                        after.add(resumed.next());
                    }
                    List<Message> all = new ArrayList<>(before);
                    all.addAll(after);
                    assertThat(all)
                            .as("client %d: every event once, in order", i)
                            .extracting(m -> m.data().get("n").intValue())
                            .containsExactlyElementsOf(
                                    IntStream.rangeClosed(1, total).boxed().toList());
                    assertThat(all)
                            .extracting(m -> m.seq().getAsLong())
                            .containsExactlyElementsOf(
                                    IntStream.rangeClosed(1, total)
                                            .mapToObj(n -> (long) n)
                                            .toList());
                }
            }
            publishing.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            flow.shutdownNow();
            onA.forEach(WsTestClient::close);
            if (!isRunning(a)) {
                a.restart();
            }
        }
    }

    @Test
    void
            aRollingRestartOfEveryInstance_under100EventsPerSecond_javaClientsGetEveryEventExactlyOnce()
                    throws Exception {
        String key = "roll." + run;
        int clients = 200;
        List<URI> uris = List.of(a.uri(), b.uri(), c.uri());
        List<MonorailClient> connected = new ArrayList<>();
        List<List<Integer>> received = new ArrayList<>();
        ConcurrentLinkedQueue<String> resyncs = new ConcurrentLinkedQueue<>();
        List<AtomicInteger> opens = new ArrayList<>();
        AtomicInteger published = new AtomicInteger();
        ExecutorService flow = Executors.newSingleThreadExecutor();
        try {
            for (int i = 0; i < clients; i++) {
                List<URI> rotated = new ArrayList<>(uris);
                java.util.Collections.rotate(rotated, -(i % uris.size()));
                Watching watching = watching(rotated, key, i, resyncs);
                opens.add(watching.opens());
                connected.add(watching.client());
                received.add(watching.numbers());
            }
            AtomicBoolean restarting = new AtomicBoolean(true);
            Future<?> publishing = flow.submit(() -> publishWhile(key, 100, published, restarting));
            for (GatewayProcess gateway : List.of(a, b, c)) {
                awaitPublished(published, published.get() + 100);
                gateway.stop(); // SIGTERM: its clients are closed with 1012 and go elsewhere
                gateway.restart();
            }
            awaitPublished(published, published.get() + 100);
            restarting.set(false);
            publishing.get(WAIT_SECONDS, TimeUnit.SECONDS);
            int total = published.get();

            for (int i = 0; i < clients; i++) {
                List<Integer> numbers = received.get(i);
                awaitSize(numbers, total);
                assertThat(numbers)
                        .as("client %d: every event once, in order", i)
                        .containsExactlyElementsOf(
                                IntStream.rangeClosed(1, total).boxed().toList());
            }
            assertThat(resyncs).as("no client had to reload").isEmpty();
            assertThat(opens)
                    .as("every client lost its instance once at least, and connected again")
                    .allMatch(count -> count.get() >= 2);
        } finally {
            flow.shutdownNow();
            connected.forEach(MonorailClient::close);
        }
    }

    @Test
    void behindHaproxyWithoutStickySessions_javaClientsWithOneUrl_rideOutAnInstanceKilled()
            throws Exception {
        Path haproxy = Path.of("/usr/sbin/haproxy");
        boolean required = "true".equals(System.getenv("MONORAIL_IT_REQUIRE_HAPROXY"));
        if (!Files.isExecutable(haproxy)) {
            assertThat(required).as("HAProxy is required (MONORAIL_IT_REQUIRE_HAPROXY)").isFalse();
            Assumptions.abort("HAProxy is not installed: the load-balancer test is skipped");
        }
        String key = "lb." + run;
        int port = GatewayProcess.freePort();
        ProcessBuilder builder =
                new ProcessBuilder(
                                haproxy.toString(),
                                "-db",
                                "-f",
                                Path.of("..", "deploy", "haproxy", "haproxy.cfg").toString())
                        .redirectErrorStream(true)
                        .redirectOutput(
                                ProcessBuilder.Redirect.appendTo(
                                        Path.of("target", "haproxy-" + run + ".log").toFile()));
        builder.environment().put("MONORAIL_LB_BIND", "127.0.0.1:" + port);
        builder.environment().put("MONORAIL_GW1", "127.0.0.1:" + a.uri().getPort());
        builder.environment().put("MONORAIL_GW2", "127.0.0.1:" + b.uri().getPort());
        builder.environment().put("MONORAIL_GW3", "127.0.0.1:" + c.uri().getPort());
        Process balancer = builder.start();
        URI throughBalancer = URI.create("ws://127.0.0.1:" + port + "/");
        List<MonorailClient> connected = new ArrayList<>();
        List<List<Integer>> received = new ArrayList<>();
        ConcurrentLinkedQueue<String> resyncs = new ConcurrentLinkedQueue<>();
        AtomicInteger published = new AtomicInteger();
        AtomicBoolean flowing = new AtomicBoolean(true);
        List<AtomicInteger> opens = new ArrayList<>();
        ExecutorService flow = Executors.newSingleThreadExecutor();
        try {
            awaitHealthy(URI.create("http://127.0.0.1:" + port + "/health"));
            for (int i = 0; i < 30; i++) {
                Watching watching = watching(List.of(throughBalancer), key, i, resyncs);
                opens.add(watching.opens());
                connected.add(watching.client());
                received.add(watching.numbers());
            }
            assertThat(opens).allMatch(count -> count.get() == 1);
            Future<?> publishing = flow.submit(() -> publishWhile(key, 50, published, flowing));
            awaitPublished(published, 50);
            b.kill(); // its clients reconnect through the balancer, which sends them elsewhere
            awaitPublished(published, published.get() + 100);
            flowing.set(false);
            publishing.get(WAIT_SECONDS, TimeUnit.SECONDS);
            int total = published.get();

            for (int i = 0; i < connected.size(); i++) {
                awaitSize(received.get(i), total);
                assertThat(received.get(i))
                        .as("client %d: every event once, in order", i)
                        .containsExactlyElementsOf(
                                IntStream.rangeClosed(1, total).boxed().toList());
            }
            assertThat(resyncs).as("no client had to reload").isEmpty();
            assertThat(opens)
                    .as("the killed instance's clients connected again, through the balancer")
                    .anyMatch(count -> count.get() >= 2);
        } finally {
            flow.shutdownNow();
            connected.forEach(MonorailClient::close);
            balancer.destroyForcibly();
            if (!isRunning(b)) {
                b.restart();
            }
        }
    }

    @Test
    void theJavaScriptClient_withTheInstancesAsUrls_resumesOnTheNextWhenItsInstanceIsKilled()
            throws Exception {
        int nodeMajor = JavaScriptClientIT.nodeMajorVersion(); // skips (or fails) without Node
        String key = "js." + run;
        List<String> command = new ArrayList<>(List.of("node"));
        if (nodeMajor < 22) {
            command.add("--experimental-websocket");
        }
        command.add(Path.of("..", "web", "test-support", "cluster-client.mjs").toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MONORAIL_URLS", a.uri() + "," + b.uri());
        builder.environment().put("MONORAIL_EXCHANGE", exchange);
        builder.environment().put("MONORAIL_KEY", key);
        Process node = builder.start();
        java.util.concurrent.BlockingQueue<String> lines =
                new java.util.concurrent.LinkedBlockingQueue<>();
        Thread reader =
                new Thread(
                        () -> {
                            try (java.io.BufferedReader output =
                                    node.inputReader(java.nio.charset.StandardCharsets.UTF_8)) {
                                String line;
                                while ((line = output.readLine()) != null) {
                                    lines.add(line);
                                }
                            } catch (java.io.IOException e) {
                                lines.add("output unreadable: " + e);
                            }
                        },
                        "cluster-client-output");
        reader.setDaemon(true);
        reader.start();
        List<String> seen = new ArrayList<>();
        try {
            awaitLine(lines, seen, "watching");
            for (int n = 1; n <= 20; n++) {
                publish(key, n);
            }
            awaitLine(lines, seen, "n=20");
            a.kill(); // the client's instance: it goes to the next of its urls and resumes there
            for (int n = 21; n <= 40; n++) {
                publish(key, n);
            }
            awaitLine(lines, seen, "n=40");
            if (!seen.contains("resumed")) {
                awaitLine(lines, seen, "resumed"); // emitted once the replay was handed over
            }

            assertThat(seen.stream().filter(line -> line.startsWith("n=")).toList())
                    .as("every event once, in order, across the two instances")
                    .containsExactlyElementsOf(
                            IntStream.rangeClosed(1, 40).mapToObj(n -> "n=" + n).toList());
            assertThat(seen).contains("resumed").noneMatch(line -> line.startsWith("resync"));
        } finally {
            node.destroyForcibly();
            if (!isRunning(a)) {
                a.restart();
            }
        }
    }

    /** Takes the client's output lines into {@code seen} until {@code wanted} comes. */
    private static void awaitLine(
            java.util.concurrent.BlockingQueue<String> lines, List<String> seen, String wanted)
            throws InterruptedException {
        while (true) {
            String line = lines.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(line)
                    .as("'%s' from the JavaScript client; so far: %s", wanted, seen)
                    .isNotNull();
            seen.add(line);
            if (line.equals(wanted)) {
                return;
            }
        }
    }

    private GatewayProcess start(String name) throws Exception {
        GatewayProcess gateway = GatewayProcess.start(name + "-" + run, settings);
        gateways.add(gateway);
        return gateway;
    }

    /**
     * A Java client watching {@code key.#}: the n of each event it got, and how often it opened.
     */
    private record Watching(MonorailClient client, List<Integer> numbers, AtomicInteger opens) {}

    /**
     * A Java client of {@code uris} (reconnecting fast), connected and watching {@code key.#}; a
     * {@code resync} goes to {@code resyncs} under its {@code index}.
     */
    private Watching watching(
            List<URI> uris, String key, int index, ConcurrentLinkedQueue<String> resyncs)
            throws Exception {
        MonorailClient client =
                MonorailClient.builder(uris)
                        .reconnect(
                                ReconnectPolicy.exponentialBackoff(
                                        Duration.ofMillis(100), Duration.ofSeconds(1)))
                        .requestTimeout(Duration.ofSeconds(WAIT_SECONDS))
                        .build();
        List<Integer> numbers = new CopyOnWriteArrayList<>();
        AtomicInteger opens = new AtomicInteger();
        client.on(
                ClientEvent.RESYNC,
                event -> resyncs.add(index + ": " + event.reason().orElse("?")));
        client.on(ClientEvent.OPEN, event -> opens.incrementAndGet());
        client.connect().get(WAIT_SECONDS, TimeUnit.SECONDS);
        watchNumbers(client, key, numbers);
        return new Watching(client, numbers, opens);
    }

    /** Watches {@code key.#}, collecting each event's n; returns once the watch is in place. */
    private void watchNumbers(MonorailClient client, String key, List<Integer> numbers)
            throws Exception {
        client.watch(
                "mq",
                Map.of("exchange", exchange, "routingKey", key + ".#"),
                new WatchListener() {
                    @Override
                    public void event(String routingKey, JsonNode data) {
                        numbers.add(data.get("n").intValue());
                    }
                });
        // Answers come in order: one to a later request means the watch is in place.
        client.queryAsync("nodes", Map.of("tag", "none")).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Waits until {@code numbers} holds {@code size}, or the wait is over. */
    private static void awaitSize(List<Integer> numbers, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (numbers.size() < size && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20); // deliveries from other processes: nothing to join
        }
    }

    private static void awaitHealthy(URI health) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            try {
                if (http.send(
                                        java.net.http.HttpRequest.newBuilder(health).build(),
                                        java.net.http.HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // the balancer is not listening yet
            }
            assertThat(System.nanoTime()).as("%s healthy in time", health).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private static boolean isRunning(GatewayProcess gateway) {
        try {
            return java.net.http.HttpClient.newHttpClient()
                            .send(
                                    java.net.http.HttpRequest.newBuilder(
                                                    URI.create(
                                                            gateway.uri()
                                                                            .toString()
                                                                            .replace(
                                                                                    "ws://",
                                                                                    "http://")
                                                                    + "health"))
                                            .build(),
                                    java.net.http.HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private void watch(WsTestClient client, String key) throws Exception {
        client.send(
                "{\"handler\":\"watch\",\"type\":\"mq\",\"params\":{\"exchange\":\""
                        + exchange
                        + "\",\"routingKey\":\""
                        + key
                        + ".#\"}}");
        // The gateway answers a watch only when it fails: a later round trip proves it in place.
        assertThat(client.request("{\"handler\":\"init\"}").handler()).isEqualTo("session");
    }

    private void publish(String key, int n) throws Exception {
        publisher.publish(exchange, key + "." + n, "{\"n\":" + n + "}");
    }

    /** Publishes n = 1, 2, ... about {@code perSecond} a second while {@code going}. */
    private Void publishWhile(
            String key, int perSecond, AtomicInteger published, AtomicBoolean going)
            throws Exception {
        try (Publisher own = new Publisher(URI.create(LocalRabbitMq.URI))) {
            long start = System.nanoTime();
            for (int n = 1; going.get(); n++) {
                own.publish(exchange, key + "." + n, "{\"n\":" + n + "}");
                published.set(n);
                long wait = start + n * 1_000_000_000L / perSecond - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // pacing the publisher
                }
            }
        }
        return null;
    }

    /** Publishes n = published+1 .. upTo, about {@code perSecond} a second. */
    private Void publishAtRate(String key, int upTo, int perSecond, AtomicInteger published)
            throws Exception {
        try (Publisher own = new Publisher(URI.create(LocalRabbitMq.URI))) {
            long start = System.nanoTime();
            int first = published.get();
            for (int n = first + 1; n <= upTo; n++) {
                own.publish(exchange, key + "." + n, "{\"n\":" + n + "}");
                published.set(n);
                long due = start + (n - first) * 1_000_000_000L / perSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(
                            wait); // pacing the publisher, not waiting on a result
                }
            }
        }
        return null;
    }

    private static void awaitPublished(AtomicInteger published, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (published.get() < count) {
            assertThat(System.nanoTime())
                    .as("%d events published in time", count)
                    .isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    /** Every frame a client got until its connection closed. */
    private static List<Message> untilClosed(WsTestClient client) throws Exception {
        client.closedFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        return client.drainNow(); // frames arrive before the close that follows them
    }

    private static int numberOf(List<Message> before, List<Message> after) {
        List<Message> last = after.isEmpty() ? before : after;
        return last.isEmpty() ? 0 : last.get(last.size() - 1).data().get("n").intValue();
    }

    private static List<Integer> numbers(WsTestClient client, int count) throws Exception {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            numbers.add(client.next().data().get("n").intValue());
        }
        return numbers;
    }
}
