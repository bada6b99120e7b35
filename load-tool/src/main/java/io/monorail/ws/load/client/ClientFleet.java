package io.monorail.ws.load.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * N WebSocket clients, each subscribing once through the same dialect. Beyond {@link
 * #CLIENTS_PER_ADDRESS} clients, connections come from further loopback addresses (127.0.0.2,
 * 127.0.0.3, ...), since one source address has only about 28,000 ephemeral ports.
 */
public final class ClientFleet implements AutoCloseable {
    /** Connections per local source address. */
    public static final int CLIENTS_PER_ADDRESS = 20_000;

    private final Dialect dialect;
    private final int perAddress;
    private final LoadClient[] clients;
    private final List<WebSocketClient> webSocketClients = new ArrayList<>();
    private final ScheduledExecutorService keepAlive;
    private final AtomicLong unexpectedCloses = new AtomicLong();
    private final Map<String, AtomicLong> closeReasons = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private volatile Phase phase;
    private volatile boolean closing;

    public ClientFleet(Dialect dialect, int size) {
        this(dialect, size, CLIENTS_PER_ADDRESS);
    }

    /** A fleet that moves to the next loopback source address every {@code perAddress} clients. */
    public ClientFleet(Dialect dialect, int size, int perAddress) {
        if (perAddress < 1) {
            throw new IllegalArgumentException("perAddress must be positive");
        }
        this.perAddress = perAddress;
        this.dialect = dialect;
        this.clients = new LoadClient[size];
        for (int i = 0; i < size; i++) {
            clients[i] = new LoadClient(i, dialect, this);
        }
        this.keepAlive =
                dialect.keepAlive() == null
                        ? null
                        : Executors.newSingleThreadScheduledExecutor(
                                r -> {
                                    Thread t = new Thread(r, "load-keepalive");
                                    t.setDaemon(true);
                                    return t;
                                });
    }

    /** Number of clients. */
    public int size() {
        return clients.length;
    }

    /**
     * Connects every client and waits until each subscription is confirmed, at most {@code
     * concurrency} handshakes at a time. Returns how long that took; fails if any client failed.
     */
    public Duration subscribe(int concurrency, Duration timeout) throws Exception {
        int addresses = (clients.length + perAddress - 1) / perAddress;
        if (addresses > 250) {
            throw new IllegalArgumentException("at most " + 250 * perAddress + " clients");
        }
        for (int a = 0; a < Math.max(1, addresses); a++) {
            WebSocketClient client = new WebSocketClient();
            if (addresses > 1) {
                client.setBindAddress(new InetSocketAddress("127.0.0." + (a + 1), 0));
            }
            client.setIdleTimeout(Duration.ofHours(1));
            client.setConnectTimeout(timeout.toMillis());
            client.setMaxTextMessageSize(1 << 20);
            client.start();
            webSocketClients.add(client);
        }
        Semaphore inFlight = new Semaphore(concurrency);
        long deadline = System.nanoTime() + timeout.toNanos();
        long start = System.nanoTime();
        List<CompletableFuture<LoadClient>> all = new ArrayList<>(clients.length);
        for (LoadClient client : clients) {
            if (!inFlight.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException("subscribing timed out; " + describeFailures());
            }
            if (!failures.isEmpty()) {
                break; // one refusal is enough to know: stop opening more
            }
            client.subscription().whenComplete((c, e) -> inFlight.release());
            connect(client);
            all.add(client.subscription());
        }
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                    .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            long done =
                    all.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
            throw new IllegalStateException(
                    done + " of " + clients.length + " clients subscribed; " + describeFailures(),
                    e instanceof ExecutionException ? e.getCause() : e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (keepAlive != null) {
            long period = StompDialect.HEART_BEAT_MILLIS / 2;
            keepAlive.scheduleAtFixedRate(
                    () -> {
                        for (LoadClient c : clients) {
                            c.keepAlive();
                        }
                    },
                    period,
                    period,
                    TimeUnit.MILLISECONDS);
        }
        return took;
    }

    private void connect(LoadClient client) {
        WebSocketClient via = webSocketClients.get(client.index() / perAddress);
        try {
            via.connect(client, dialect.uri())
                    .whenComplete(
                            (session, e) -> {
                                if (e != null) {
                                    failed(client, "connect failed: " + e);
                                    client.subscription().completeExceptionally(e);
                                }
                            });
        } catch (IOException e) {
            failed(client, "connect failed: " + e);
            client.subscription().completeExceptionally(e);
        }
    }

    /** Starts a new phase: deliveries from now on are accounted to it. */
    public Phase startPhase(int id) {
        Phase next = new Phase(id, clients.length);
        phase = next;
        return next;
    }

    Phase phase() {
        return phase;
    }

    void closed(LoadClient client, int statusCode, String reason) {
        if (!closing) {
            unexpectedCloses.incrementAndGet();
            closeReasons
                    .computeIfAbsent(statusCode + " " + reason, k -> new AtomicLong())
                    .incrementAndGet();
        }
    }

    void failed(LoadClient client, String why) {
        if (failures.size() < 10) {
            failures.add("client " + client.index() + ": " + why);
        }
    }

    /** The distinct local (source) addresses the clients connected from. */
    public java.util.Set<String> localAddresses() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (LoadClient client : clients) {
            String address = client.localAddress();
            if (address != null) {
                out.add(address);
            }
        }
        return out;
    }

    /** Connections the server closed while the fleet was running. */
    public long unexpectedCloses() {
        return unexpectedCloses.get();
    }

    /** Close status and reason of those connections, with counts. */
    public Map<String, Long> closeReasons() {
        Map<String, Long> out = new java.util.TreeMap<>();
        closeReasons.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private String describeFailures() {
        return failures.isEmpty() ? "no client reported a failure" : "first failures: " + failures;
    }

    @Override
    public void close() {
        closing = true;
        if (keepAlive != null) {
            keepAlive.shutdownNow();
        }
        for (LoadClient client : clients) {
            client.disconnect();
        }
        for (WebSocketClient client : webSocketClients) {
            LifeCycle.stop(client);
        }
    }
}
