package io.monorail.ws.bench;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.monorail.ws.app.GatewayApplication;
import io.monorail.ws.app.Settings;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures fan-out throughput, delivery latency and memory per connection of an in-process gateway
 * on the embedded broker. Figures, not assertions: run it with {@code ./mvnw -B -q install
 * -DskipTests -DskipITs && ./mvnw -B -q -pl it-tests -Pbench verify} (options: {@code
 * -Dbench.clients=200 -Dbench.events=2000 -Dbench.idle=1000}).
 */
public final class FanOutBenchmark {
    private static final String EXCHANGE = "on.test";
    private static final String KEY = "bench.fanout";

    private FanOutBenchmark() {}

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("bench.clients", 200);
        int events = Integer.getInteger("bench.events", 2000);
        int idle = Integer.getInteger("bench.idle", 1000);
        try (GatewayApplication gateway =
                GatewayApplication.create(
                        Settings.of(
                                Map.of(
                                        "port", "0",
                                        "embedded_amqp_port", "0",
                                        "embedded_mongo_port", "0",
                                        "max_outgoing_frames", "100000",
                                        "max_outgoing_bytes", "268435456",
                                        "max_connections", "100000",
                                        "max_connections_per_address", "100000")))) {
            gateway.start();
            System.out.printf(
                    Locale.ROOT,
                    "monorail-ws fan-out benchmark (%d cores, %s)%n",
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.version"));
            fanOut(gateway, clients, events, 0);
            fanOut(
                    gateway,
                    clients,
                    Integer.getInteger("bench.pacedEvents", 500),
                    Integer.getInteger("bench.rate", 100));
            memoryPerConnection(gateway, idle);
        }
    }

    /**
     * N clients watch one key; M events are published, as fast as possible ({@code perSecond} 0:
     * throughput, latency includes queueing) or paced (latency of an unloaded path); every client
     * must get every event.
     */
    private static void fanOut(GatewayApplication gateway, int clients, int events, int perSecond)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        CountDownLatch allDelivered = new CountDownLatch(clients * events);
        long[] latencies = new long[clients * events];
        AtomicInteger recorded = new AtomicInteger();
        List<WebSocket> sockets = new ArrayList<>();
        String watch =
                "{\"handler\":\"watch\",\"type\":\"mq\",\"params\":{\"exchange\":\""
                        + EXCHANGE
                        + "\",\"routingKey\":\""
                        + KEY
                        + "\"}}";
        for (int i = 0; i < clients; i++) {
            CountDownLatch watching = new CountDownLatch(1);
            WebSocket socket =
                    http.newWebSocketBuilder()
                            .buildAsync(
                                    gateway.webSocketUri(),
                                    new Counter(allDelivered, latencies, recorded, watching))
                            .get(10, TimeUnit.SECONDS);
            socket.sendText(watch, true).get(10, TimeUnit.SECONDS);
            socket.sendText("{\"handler\":\"init\"}", true).get(10, TimeUnit.SECONDS);
            sockets.add(socket);
            // The init reply proves the watch is bound (frames are handled in order).
            if (!watching.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("client " + i + " got no session reply");
            }
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(gateway.amqpUri());
        try (Connection connection = factory.newConnection("bench-publisher")) {
            Channel channel = connection.createChannel();
            channel.exchangeDeclare(EXCHANGE, "topic", true, false, null);
            long start = System.nanoTime();
            for (int n = 0; n < events; n++) {
                if (perSecond > 0) {
                    long due = start + n * 1_000_000_000L / perSecond;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait); // pacing
                    }
                }
                String body =
                        "{\"n\":"
                                + n
                                + ",\"sentNanos\":"
                                + System.nanoTime()
                                + ",\"pad\":\""
                                + "x".repeat(200)
                                + "\"}";
                channel.basicPublish(EXCHANGE, KEY, null, body.getBytes(StandardCharsets.UTF_8));
            }
            boolean done = allDelivered.await(5, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - start) / 1e9;
            long delivered = (long) clients * events - allDelivered.getCount();
            long[] sorted = Arrays.copyOf(latencies, recorded.get());
            Arrays.sort(sorted);
            System.out.printf(
                    Locale.ROOT,
                    "fan-out: %d clients x %d events = %d deliveries%s in %.2f s -> %,.0f deliveries/s, %,.0f events/s%n",
                    clients,
                    events,
                    delivered,
                    done ? "" : " (INCOMPLETE)",
                    seconds,
                    delivered / seconds,
                    events / seconds);
            System.out.printf(
                    Locale.ROOT,
                    "latency publish->client: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    percentile(sorted, 0.50),
                    percentile(sorted, 0.99),
                    percentile(sorted, 1.0));
        }
        for (WebSocket socket : sockets) {
            socket.abort();
        }
    }

    /** Heap growth per idle connection that has said init and holds one watch. */
    private static void memoryPerConnection(GatewayApplication gateway, int idle) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = settledHeap(memory);
        HttpClient http = HttpClient.newHttpClient();
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < idle; i++) {
            CountDownLatch answered = new CountDownLatch(1);
            WebSocket socket =
                    http.newWebSocketBuilder()
                            .buildAsync(
                                    gateway.webSocketUri(),
                                    new Counter(
                                            new CountDownLatch(0),
                                            new long[0],
                                            new AtomicInteger(),
                                            answered))
                            .get(10, TimeUnit.SECONDS);
            socket.sendText(
                            "{\"handler\":\"watch\",\"type\":\"workflows\",\"params\":{\"graphId\":\"g"
                                    + i
                                    + "\"}}",
                            true)
                    .get(10, TimeUnit.SECONDS);
            socket.sendText("{\"handler\":\"init\"}", true).get(10, TimeUnit.SECONDS);
            sockets.add(socket);
            if (!answered.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("connection " + i + " got no session reply");
            }
        }
        long after = settledHeap(memory);
        System.out.printf(
                Locale.ROOT,
                "memory: %d idle connections with one watch each: heap +%.1f MB -> %.1f KB per connection (client and server share this JVM: an upper bound)%n",
                idle,
                (after - before) / 1e6,
                (after - before) / 1e3 / idle);
        sockets.forEach(WebSocket::abort);
    }

    private static long settledHeap(MemoryMXBean memory) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200); // let the collector finish; this is a measurement, not a test
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }

    /** Counts deliveries and records their latency from the publisher's timestamp. */
    private static final class Counter implements WebSocket.Listener {
        private final CountDownLatch delivered;
        private final long[] latencies;
        private final AtomicInteger recorded;
        private final CountDownLatch session;
        private final StringBuilder partial = new StringBuilder();

        Counter(
                CountDownLatch delivered,
                long[] latencies,
                AtomicInteger recorded,
                CountDownLatch session) {
            this.delivered = delivered;
            this.latencies = latencies;
            this.recorded = recorded;
            this.session = session;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                int at = frame.indexOf("\"sentNanos\":");
                if (at >= 0) {
                    int end = frame.indexOf(',', at);
                    long sent = Long.parseLong(frame.substring(at + 12, end));
                    int slot = recorded.getAndIncrement();
                    if (slot < latencies.length) {
                        latencies[slot] = System.nanoTime() - sent;
                    }
                    delivered.countDown();
                } else if (frame.contains("\"handler\":\"session\"")) {
                    session.countDown();
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
