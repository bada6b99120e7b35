package io.monorail.ws.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one connection to the gateway open: opens it, pings it, drops it when the peer falls
 * silent, and after a failure or a drop tries again as the {@link ReconnectPolicy} says, until
 * {@link #disconnect()}. Confined to the event loop; what happens on the connection is reported to
 * a {@link Listener}.
 *
 * <p>Silence is measured here rather than left to Jetty's idle timeout because Jetty counts the
 * client's own writes (its pings) as activity: a half-open connection would never look idle.
 */
final class Connector {
    private static final Logger LOG = LoggerFactory.getLogger(Connector.class);
    static final int NORMAL_CLOSURE = 1000;
    static final int ABNORMAL_CLOSURE = 1006;

    /** What the protocol layer hears from the connector, always on the event loop. */
    interface Listener {
        void opened(Transport.Link link);

        void received(String text);

        /** Whether a connection the server closed with {@code code} should be re-opened. */
        boolean reconnectAfter(int code);

        /** The open connection is gone; {@code byApplication} when disconnect() ended it. */
        void lost(int code, String reason, boolean byApplication);

        /** A connection attempt failed, or an open connection broke (followed by {@link #lost}). */
        void failed(Throwable cause);
    }

    private final Transport transport;
    // The gateway instances, in the order they are tried; uris.get(currentUri) is the one in use.
    private final List<URI> uris;
    private volatile int currentUri;
    private final EventLoop loop;
    private final Backoff backoff;
    private final Duration pingInterval;
    private final Duration idleTimeout;
    private Listener listener;

    private volatile ConnectionState state = ConnectionState.DISCONNECTED;
    // Every attempt gets a number; events of an older attempt are ignored.
    private long attempt;
    private Transport.Link link;
    private CompletableFuture<Void> opening;
    private EventLoop.Timer retry = EventLoop.Timer.NONE;
    private EventLoop.Timer pings = EventLoop.Timer.NONE;
    private long lastHeard;

    Connector(
            Transport transport,
            List<URI> uris,
            EventLoop loop,
            Backoff backoff,
            Duration pingInterval,
            Duration idleTimeout) {
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("at least one gateway URI");
        }
        this.transport = transport;
        this.uris = List.copyOf(uris);
        this.loop = loop;
        this.backoff = backoff;
        this.pingInterval = pingInterval;
        this.idleTimeout = idleTimeout;
    }

    void listener(Listener listener) {
        this.listener = listener;
    }

    /** The gateway instance the client is connected to, or tries next. Readable from any thread. */
    URI uri() {
        return uris.get(currentUri);
    }

    /** Readable from any thread. */
    ConnectionState state() {
        return state;
    }

    /** The protocol layer finished the handshake on the open connection. */
    void markReady() {
        if (state == ConnectionState.OPEN) {
            state = ConnectionState.READY;
        }
    }

    /**
     * Starts connecting unless connected or already trying; the future completes when a connection
     * opens, and fails when the policy gives up or {@link #disconnect()} comes first.
     */
    CompletableFuture<Void> connect() {
        switch (state) {
            case CLOSED -> {
                return CompletableFuture.failedFuture(
                        new MonorailException(MonorailException.Reason.CLOSED, "client closed"));
            }
            case OPEN, READY -> {
                return CompletableFuture.completedFuture(null);
            }
            case CONNECTING -> {
                if (opening == null) {
                    opening = new CompletableFuture<>();
                }
                return opening;
            }
            default -> {
                backoff.reset(); // the application asks anew: start from the initial delay
                opening = new CompletableFuture<>();
                CompletableFuture<Void> result = opening;
                attempt();
                return result;
            }
        }
    }

    /** Closes the connection (if any) and stops reconnecting; a later connect() starts again. */
    void disconnect() {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        state = ConnectionState.DISCONNECTED;
        endAttempt();
        failOpening(new MonorailException(MonorailException.Reason.CLOSED, "disconnected"));
        Transport.Link current = link;
        link = null;
        if (current != null) {
            current.close(NORMAL_CLOSURE, "client disconnect");
            listener.lost(NORMAL_CLOSURE, "client disconnect", true);
        }
    }

    /** Disconnects for good. */
    void close() {
        disconnect();
        state = ConnectionState.CLOSED;
    }

    private void attempt() {
        state = ConnectionState.CONNECTING;
        long number = ++attempt;
        URI uri = uri();
        LOG.debug("connecting to {} (attempt {})", uri, number);
        transport
                .connect(uri, new AttemptEvents(number))
                .whenComplete(
                        (ok, failure) -> {
                            if (failure != null) {
                                loop.execute(() -> attemptFailed(number, failure));
                            }
                        });
    }

    private void opened(long number, Transport.Link opened) {
        if (number != attempt || state != ConnectionState.CONNECTING) {
            opened.close(NORMAL_CLOSURE, "client disconnect"); // disconnect() came first
            return;
        }
        link = opened;
        state = ConnectionState.OPEN;
        lastHeard = System.nanoTime();
        backoff.reset();
        if (!pingInterval.isZero()) {
            pings = loop.every(this::ping, pingInterval);
        }
        LOG.debug("connected to {}", uri());
        CompletableFuture<Void> waiting = opening;
        opening = null;
        listener.opened(opened);
        if (waiting != null) {
            waiting.complete(null);
        }
    }

    private void attemptFailed(long number, Throwable failure) {
        if (number != attempt || state != ConnectionState.CONNECTING || link != null) {
            return; // superseded, or it did open and the drop is reported by the link
        }
        Throwable cause = unwrap(failure);
        LOG.debug("connecting to {} failed: {}", uri(), cause.toString());
        // That instance is down or unreachable: the next attempt goes to the next one. After a
        // drop, by contrast, the same instance is tried first: it may still hold the session.
        currentUri = (currentUri + 1) % uris.size();
        listener.failed(cause);
        retryOrGiveUp(cause);
    }

    private void linkFailed(long number, Throwable cause) {
        if (number != attempt || link == null) {
            return;
        }
        listener.failed(cause);
        Transport.Link broken = link;
        broken.abort();
        linkClosed(number, ABNORMAL_CLOSURE, String.valueOf(cause.getMessage()));
    }

    private void linkClosed(long number, int code, String reason) {
        if (number != attempt || link == null) {
            return;
        }
        link = null;
        pings.cancel();
        pings = EventLoop.Timer.NONE;
        LOG.debug("connection to {} closed: {} {}", uri(), code, reason);
        Optional<Duration> delay =
                listener.reconnectAfter(code) ? backoff.next() : Optional.empty();
        state = delay.isPresent() ? ConnectionState.CONNECTING : ConnectionState.DISCONNECTED;
        listener.lost(code, reason, false);
        delay.ifPresent(this::retryIn);
    }

    private void retryOrGiveUp(Throwable cause) {
        Optional<Duration> delay = backoff.next();
        if (delay.isEmpty()) {
            state = ConnectionState.DISCONNECTED;
            failOpening(cause);
            return;
        }
        retryIn(delay.get());
    }

    private void retryIn(Duration delay) {
        state = ConnectionState.CONNECTING;
        LOG.debug("reconnecting to {} in {} ms", uri(), delay.toMillis());
        long number = attempt;
        retry =
                loop.schedule(
                        () -> {
                            if (number == attempt && state == ConnectionState.CONNECTING) {
                                attempt();
                            }
                        },
                        delay);
    }

    private void ping() {
        if (link == null) {
            return;
        }
        long silentNanos = System.nanoTime() - lastHeard;
        if (silentNanos > idleTimeout.toNanos()) {
            linkFailed(
                    attempt,
                    new TimeoutException(
                            "nothing heard from the server for "
                                    + silentNanos / 1_000_000
                                    + " ms (idle timeout "
                                    + idleTimeout.toMillis()
                                    + " ms)"));
            return;
        }
        link.ping();
    }

    private void heard(long number) {
        if (number == attempt && link != null) {
            lastHeard = System.nanoTime();
        }
    }

    private void endAttempt() {
        attempt++; // whatever is under way is stale now
        retry.cancel();
        retry = EventLoop.Timer.NONE;
        pings.cancel();
        pings = EventLoop.Timer.NONE;
    }

    private void failOpening(Throwable cause) {
        CompletableFuture<Void> waiting = opening;
        opening = null;
        if (waiting != null) {
            waiting.completeExceptionally(cause);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The events of one attempt, moved onto the event loop in the order they happen. */
    private final class AttemptEvents implements Transport.Events {
        private final long number;

        AttemptEvents(long number) {
            this.number = number;
        }

        @Override
        public void opened(Transport.Link opened) {
            loop.execute(() -> Connector.this.opened(number, opened));
        }

        @Override
        public void text(String text) {
            loop.execute(
                    () -> {
                        if (number == attempt && link != null) {
                            lastHeard = System.nanoTime();
                            listener.received(text);
                        }
                    });
        }

        @Override
        public void pong() {
            loop.execute(() -> heard(number));
        }

        @Override
        public void closed(int code, String reason) {
            loop.execute(() -> linkClosed(number, code, reason));
        }

        @Override
        public void failed(Throwable cause) {
            loop.execute(() -> linkFailed(number, cause));
        }
    }
}
