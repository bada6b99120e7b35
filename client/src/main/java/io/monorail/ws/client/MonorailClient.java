package io.monorail.ws.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.monorail.ws.protocol.Frames;
import io.monorail.ws.protocol.Message;
import io.monorail.ws.protocol.MessageCodec;
import io.monorail.ws.protocol.TypeField;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Java client of the monorail-ws protocol: one WebSocket to a gateway, over which it queries and
 * watches resources.
 *
 * <p>Two layers over one connection. The <b>seed API</b> mirrors RackHD's original client: {@link
 * #connect()}, {@link #disconnect()}, {@link #ready}, {@link #init}, {@link #all}, {@link #query},
 * {@link #get}, {@link #watch(String, JsonNode)}, {@link #stop(String, JsonNode)} send a frame and
 * return at once; what comes back is delivered as events to listeners registered with {@link #on}
 * and {@link #once} (see {@link ClientEvent} for the names). The <b>typed API</b> correlates
 * answers with requests by {@code ref}: {@link #queryAsync}, {@link #allAsync} and {@link
 * #getAsync} return futures, and {@link #watch(String, JsonNode, WatchListener)} returns a {@link
 * Watch} whose {@link WatchListener} gets only that watch's events.
 *
 * <p>The client keeps its connection up: after a failure or a drop it reconnects with the {@link
 * ReconnectPolicy} (exponential backoff with full jitter by default) until {@link #disconnect()}.
 * On reconnect it asks the server to resume the session ({@code init} with the session id and the
 * last {@code seq} seen); when the server resumes, it replays what was missed (duplicates are
 * dropped by {@code seq}); when it cannot, the client sets its watches up again on the new session
 * and emits {@value ClientEvent#RESYNC}, because messages may have been lost. Requests made while
 * the connection is down wait for it (within the request timeout); requests in flight when it drops
 * fail with {@link MonorailException.Reason#CONNECTION_LOST}.
 *
 * <p><b>Threading.</b> Every public method is thread-safe and returns without waiting for the
 * network (only {@link #close()} waits, briefly). Each client has one event thread, named after the
 * client ({@code monorail-ws-client-events} by default), that owns its state and runs
 * <em>every</em> callback: event listeners, {@link WatchListener}s, {@code ready}/{@code init}
 * callbacks, and the completion of the futures it returns (so dependent stages without an executor
 * run there too). Callbacks run one at a time, in the order the frames arrived; never on Jetty's
 * I/O threads. A callback that throws is logged and the client carries on. Do not block in a
 * callback: while it runs, nothing else of this client is delivered, and waiting there for one of
 * the client's own futures never ends. Hand long work to your own executor (for example {@code
 * queryAsync(...).thenApplyAsync(fn, executor)}).
 */
public final class MonorailClient implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Nesting accepted in frames from the server: Jackson's own default. The protocol's 32 guards
     * the gateway against clients; documents the gateway sends (RackHD catalogs) nest deeper.
     */
    private static final int MAX_JSON_DEPTH = 1000;

    private final TypeField typeField;
    private final EventLoop loop;
    private final EventListeners listeners = new EventListeners();
    private final Transport transport;
    private final ClientCore core;
    private final AtomicLong refs = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Connector connector;

    private MonorailClient(Builder builder, Transport transport) {
        this.typeField = builder.typeField;
        this.loop = new EventLoop(builder.name + "-events");
        this.transport = transport;
        this.connector =
                new Connector(
                        transport,
                        builder.uris,
                        loop,
                        new Backoff(builder.reconnect, builder.random),
                        builder.pingInterval,
                        builder.idleTimeout);
        this.core =
                new ClientCore(
                        connector,
                        listeners,
                        new MessageCodec(MAX_JSON_DEPTH),
                        builder.typeField,
                        new Requests(loop, builder.requestTimeout),
                        builder.autoInit);
        connector.listener(core);
    }

    /** A builder for a client of the gateway at {@code uri} ({@code ws://host:9100/[channel]}). */
    public static Builder builder(URI uri) {
        return new Builder(List.of(Objects.requireNonNull(uri, "uri")));
    }

    /**
     * A builder for a client of several instances of the gateway (behind no load balancer): it
     * connects to the first; when an attempt to connect fails, the next attempt goes to the next
     * instance, in turn. After a drop it tries the same instance first, which may still hold its
     * session.
     */
    public static Builder builder(List<URI> uris) {
        return new Builder(uris);
    }

    // ---- connection ----

    /**
     * Connects, unless connected or already connecting. The future completes when the WebSocket is
     * open (the session handshake follows; use {@link #ready} to know when it is done). Failed
     * attempts are retried as the reconnect policy says and reported as {@value ClientEvent#ERROR}
     * events; the future fails only when the policy gives up (at once with {@link
     * ReconnectPolicy#none()}) or {@link #disconnect()} comes first.
     */
    public CompletableFuture<Void> connect() {
        if (closed.get()) {
            return CompletableFuture.failedFuture(
                    new MonorailException(MonorailException.Reason.CLOSED, "client closed"));
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        loop.execute(
                () ->
                        core.connect()
                                .whenComplete(
                                        (ok, failure) -> {
                                            if (failure == null) {
                                                result.complete(null);
                                            } else {
                                                result.completeExceptionally(failure);
                                            }
                                        }));
        return result;
    }

    /**
     * Closes the connection and stops reconnecting. Requests not yet answered fail with {@link
     * MonorailException.Reason#CLOSED}. Watches stay registered: a later {@link #connect()} resumes
     * the session (or sets them up again), as after a drop.
     */
    public void disconnect() {
        loop.execute(core::disconnect);
    }

    /**
     * Disconnects for good and releases the client's threads; waits a few seconds at most. Open
     * watches end without a call to their listeners. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.run(
                () -> {
                    core.close();
                    done.complete(null);
                });
        if (!loop.inLoop()) {
            done.completeOnTimeout(null, CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
        }
        transport.close();
        loop.shutdown(CLOSE_TIMEOUT);
    }

    /** Where the connection stands; readable from any thread. */
    public ConnectionState state() {
        return connector.state();
    }

    /** The current session's id, once the server named one. */
    public Optional<String> sessionId() {
        return Optional.ofNullable(core.sessionId());
    }

    /** The gateway instance this client is connected to, or tries next. */
    public URI uri() {
        return connector.uri();
    }

    // ---- the seed API ----

    /**
     * Runs {@code callback} on the event thread when the connection is ready (open, handshake done,
     * watches in place): right away when it is, otherwise once, on the next {@value
     * ClientEvent#READY}.
     */
    public void ready(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        execute(() -> core.ready(callback));
    }

    /**
     * Asks for a session (unless the client already did: by default it sends {@code init} on every
     * connection, see {@link Builder#autoInit}) and calls back with its id on the event thread:
     * right away when the current connection has one, otherwise when it arrives. From then on the
     * client resumes the session after a reconnect.
     */
    public void init(Consumer<String> callback) {
        Objects.requireNonNull(callback, "callback");
        execute(() -> core.init(callback));
    }

    /** Sends {@code all}: every document of {@code type}; the answer is a {@code list} event. */
    public void all(String type) {
        send(Frames.request("all", typeField, requireType(type), null));
    }

    /** Sends {@code query}; the answer is a {@code list} event. */
    public void query(String type, JsonNode params) {
        send(Frames.request("query", typeField, requireType(type), Json.copy(params)));
    }

    /** Sends {@code query} with params from a map. */
    public void query(String type, Map<String, ?> params) {
        query(type, Json.toTree(params));
    }

    /** Sends {@code get}; the answer is an {@code item} event, or {@code remove} when not found. */
    public void get(String type, JsonNode params) {
        send(Frames.request("get", typeField, requireType(type), Json.copy(params)));
    }

    /** Sends {@code get} with params from a map. */
    public void get(String type, Map<String, ?> params) {
        get(type, Json.toTree(params));
    }

    /**
     * Watches {@code type} filtered by {@code params}; the events arrive as {@code item}, {@code
     * remove} and {@code list} events. The client keeps the watch across reconnects until {@link
     * #stop}. Watching what is already watched (same type and params) sends nothing: the server
     * keeps one stream per watch.
     */
    public void watch(String type, JsonNode params) {
        registerWatch(requireType(type), Json.copy(params), false, null);
    }

    /** Watches with params from a map. */
    public void watch(String type, Map<String, ?> params) {
        watch(type, Json.toTree(params));
    }

    /** Watches every document or message of {@code type}. */
    public void watch(String type) {
        watch(type, (JsonNode) null);
    }

    /**
     * Sends {@code stop}: ends the watch of {@code type} with exactly these params, including typed
     * {@link Watch}es with the same type and params (they become inactive, silently).
     */
    public void stop(String type, JsonNode params) {
        String checked = requireType(type);
        JsonNode copy = Json.copy(params);
        // null would mean "every watch of the type": the caller asked for one.
        JsonNode exact = copy == null ? JsonNodeFactory.instance.objectNode() : copy;
        execute(() -> core.stop(checked, exact));
    }

    /** Sends {@code stop} with params from a map. */
    public void stop(String type, Map<String, ?> params) {
        stop(type, Json.toTree(params));
    }

    /** Sends {@code stop} without params: ends every watch of {@code type}, typed ones included. */
    public void stop(String type) {
        String checked = requireType(type);
        execute(() -> core.stop(checked, null));
    }

    /**
     * Registers {@code listener} for the events named {@code event} (see {@link ClientEvent}).
     * Effective at once; runs on the event thread.
     */
    public MonorailClient on(String event, Consumer<ClientEvent> listener) {
        listeners.on(
                Objects.requireNonNull(event, "event"),
                Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Like {@link #on}, for the next such event only. */
    public MonorailClient once(String event, Consumer<ClientEvent> listener) {
        listeners.once(
                Objects.requireNonNull(event, "event"),
                Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Removes one registration of {@code listener} (the same instance) for {@code event}. */
    public boolean off(String event, Consumer<ClientEvent> listener) {
        return listeners.off(event, listener);
    }

    // ---- the typed API ----

    /**
     * Queries {@code type}: the documents matching {@code params}. Fails with a {@link
     * MonorailException}: on an {@code error} frame (with its code), after the request timeout, or
     * when the connection drops or is closed first.
     */
    public CompletableFuture<List<JsonNode>> queryAsync(String type, JsonNode params) {
        return queryAsync(type, params, QueryOptions.none());
    }

    /** Queries with params from a map. */
    public CompletableFuture<List<JsonNode>> queryAsync(String type, Map<String, ?> params) {
        return queryAsync(type, Json.toTree(params), QueryOptions.none());
    }

    /** Queries with {@code limit}, {@code skip}, {@code sort} or {@code fields}. */
    public CompletableFuture<List<JsonNode>> queryAsync(
            String type, JsonNode params, QueryOptions options) {
        Objects.requireNonNull(options, "options");
        ObjectNode frame = Frames.request("query", typeField, requireType(type), Json.copy(params));
        options.applyTo(frame);
        return request(frame).thenApply(reply -> items("list", reply));
    }

    /**
     * Every document of {@code type} (the server caps the list). Fails like {@link #queryAsync}.
     */
    public CompletableFuture<List<JsonNode>> allAsync(String type) {
        return request(Frames.request("all", typeField, requireType(type), null))
                .thenApply(reply -> items("list", reply));
    }

    /**
     * The one document {@code params} identify (usually {@code {"id": ...}}), or empty when the
     * server answers {@code remove} (no such document). Fails like {@link #queryAsync}.
     */
    public CompletableFuture<Optional<JsonNode>> getAsync(String type, JsonNode params) {
        return request(Frames.request("get", typeField, requireType(type), Json.copy(params)))
                .thenApply(
                        reply ->
                                switch (reply.handler()) {
                                    case "item" -> Optional.ofNullable(reply.data());
                                    case "remove" -> Optional.<JsonNode>empty();
                                    default ->
                                            throw MonorailException.unexpectedReply(
                                                    "item or remove", reply);
                                });
    }

    /** Gets with params from a map. */
    public CompletableFuture<Optional<JsonNode>> getAsync(String type, Map<String, ?> params) {
        return getAsync(type, Json.toTree(params));
    }

    /**
     * Watches {@code type} filtered by {@code params} ({@code null}: everything of the type); the
     * events go to {@code listener} on the event thread until the returned {@link Watch} is closed.
     * The server sends nothing when a watch is set up; a refusal arrives as {@link
     * WatchListener#error}, which ends the watch. Kept across reconnects.
     */
    public Watch watch(String type, JsonNode params, WatchListener listener) {
        return typedWatch(type, params, false, listener);
    }

    /** Watches with params from a map. */
    public Watch watch(String type, Map<String, ?> params, WatchListener listener) {
        return typedWatch(type, Json.toTree(params), false, listener);
    }

    /**
     * Like {@link #watch(String, JsonNode, WatchListener)}, first receiving the matching documents
     * as {@link WatchListener#snapshot}. When a watch of the same type and params is already open,
     * the new one joins its stream and gets no snapshot.
     */
    public Watch watchWithSnapshot(String type, JsonNode params, WatchListener listener) {
        return typedWatch(type, params, true, listener);
    }

    // ---- inside ----

    private Watch typedWatch(
            String type, JsonNode params, boolean snapshot, WatchListener listener) {
        Objects.requireNonNull(listener, "listener");
        JsonNode copy = Json.copy(params);
        WatchKey key = WatchKey.of(requireType(type), copy);
        WatchHandle handle =
                new WatchHandle(
                        key, copy, listener, closing -> loop.execute(() -> core.leave(closing)));
        registerWatch(key.type(), copy, snapshot, handle);
        return handle;
    }

    private void registerWatch(String type, JsonNode params, boolean snapshot, WatchHandle handle) {
        WatchKey key = WatchKey.of(type, params);
        String ref = "w-" + refs.incrementAndGet();
        execute(() -> core.watch(key, params, snapshot, ref, handle));
    }

    private CompletableFuture<Message> request(ObjectNode frame) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(
                    new MonorailException(MonorailException.Reason.CLOSED, "client closed"));
        }
        String ref = "r-" + refs.incrementAndGet();
        Frames.withRef(frame, TextNode.valueOf(ref));
        CompletableFuture<Message> answer = new CompletableFuture<>();
        loop.execute(() -> core.request(ref, frame, answer));
        return answer;
    }

    private void send(ObjectNode frame) {
        execute(() -> core.send(frame));
    }

    private void execute(Runnable task) {
        if (closed.get()) {
            throw new IllegalStateException("client closed");
        }
        loop.execute(task);
    }

    private static List<JsonNode> items(String expected, Message reply) {
        if (!expected.equals(reply.handler())) {
            throw MonorailException.unexpectedReply(expected, reply);
        }
        JsonNode items = reply.items();
        List<JsonNode> list = new ArrayList<>(items == null ? 0 : items.size());
        if (items != null) {
            items.forEach(list::add);
        }
        return List.copyOf(list);
    }

    private static String requireType(String type) {
        Objects.requireNonNull(type, "type");
        if (type.isBlank()) {
            throw new IllegalArgumentException("type must not be blank");
        }
        return type;
    }

    /** Settings of a {@link MonorailClient}; every one has a sensible default. */
    public static final class Builder {
        private final List<URI> uris;
        private ReconnectPolicy reconnect = ReconnectPolicy.exponentialBackoff();
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration pingInterval = Duration.ofSeconds(20);
        private Duration idleTimeout = Duration.ofSeconds(60);
        private long maxFrameBytes = 16L * 1024 * 1024;
        private boolean autoInit = true;
        private TypeField typeField = TypeField.TYPE;
        private String name = "monorail-ws-client";
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private RandomGenerator random = RandomGenerator.getDefault();

        private Builder(List<URI> uris) {
            if (uris.isEmpty()) {
                throw new IllegalArgumentException("at least one gateway URI");
            }
            for (URI uri : uris) {
                Objects.requireNonNull(uri, "uri");
                String scheme = uri.getScheme();
                if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme)) {
                    throw new IllegalArgumentException("uri must be ws:// or wss://, was " + uri);
                }
            }
            this.uris = List.copyOf(uris);
        }

        /** How to reconnect; default {@link ReconnectPolicy#exponentialBackoff()}. */
        public Builder reconnect(ReconnectPolicy policy) {
            this.reconnect = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * How long a typed request ({@code queryAsync}, ...) waits for its answer, counted from the
         * call (time waiting for a connection included); default 30 s.
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /** How long one connection attempt may take; default 10 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * How often to ping the server, so a dead connection is noticed; default 20 s, zero: never.
         */
        public Builder pingInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("pingInterval must not be negative");
            }
            this.pingInterval = interval;
            return this;
        }

        /**
         * A connection silent this long (no frame, no pong) is dropped and re-opened; default 60 s.
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive(timeout, "idleTimeout");
            return this;
        }

        /** Largest frame accepted from the server; default 16 MiB (lists can be large). */
        public Builder maxFrameBytes(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException(
                        "maxFrameBytes must be at least 1024, was " + bytes);
            }
            this.maxFrameBytes = bytes;
            return this;
        }

        /**
         * Whether to send {@code init} on every connection, so that there is always a session to
         * resume; default true. When false, a session is asked for by {@link MonorailClient#init}.
         */
        public Builder autoInit(boolean autoInit) {
            this.autoInit = autoInit;
            return this;
        }

        /**
         * The field that names the resource in requests: {@code type} (default) or {@code resource}
         * for servers that only read RackHD's older field.
         */
        public Builder typeField(TypeField field) {
            this.typeField = Objects.requireNonNull(field, "field");
            return this;
        }

        /**
         * Names the client's threads ({@code <name>-events}, ...); default {@code
         * monorail-ws-client}.
         */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            this.name = name;
            return this;
        }

        /** An HTTP header for the WebSocket upgrade (e.g. {@code Authorization}); repeatable. */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            headers.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            return this;
        }

        /** The randomness of the backoff jitter; tests use a seeded one. */
        Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * A new client, not connected yet: call {@link MonorailClient#connect()}.
         *
         * @throws IllegalStateException when pings are on and not more frequent than the idle
         *     timeout (every quiet connection would be dropped)
         */
        public MonorailClient build() {
            if (!pingInterval.isZero() && pingInterval.compareTo(idleTimeout) >= 0) {
                throw new IllegalStateException(
                        "pingInterval "
                                + pingInterval
                                + " must be below idleTimeout "
                                + idleTimeout);
            }
            Map<String, List<String>> fixedHeaders = new LinkedHashMap<>();
            headers.forEach((key, values) -> fixedHeaders.put(key, List.copyOf(values)));
            JettyTransport.Settings settings =
                    new JettyTransport.Settings(
                            name + "-jetty",
                            connectTimeout,
                            idleTimeout,
                            maxFrameBytes,
                            Map.copyOf(fixedHeaders));
            return new MonorailClient(this, new JettyTransport(settings));
        }

        private static Duration positive(Duration value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, was " + value);
            }
            return value;
        }
    }
}
