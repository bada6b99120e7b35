package io.monorail.ws.adapter.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.domain.auth.Authentication;
import io.monorail.ws.domain.port.ClientConnection;
import io.monorail.ws.domain.port.Principal;
import io.monorail.ws.domain.port.Verification;
import io.monorail.ws.domain.port.in.ClientGateway;
import io.monorail.ws.domain.port.in.ClientSession;
import io.monorail.ws.domain.port.in.Handshake;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A gateway that records what the transport does and echoes every text frame back, except {@code
 * "close"}, which makes the session close its connection from inside {@code onText}. It
 * authenticates with {@link Authentication#none()} unless a test sets another.
 */
final class FakeClientGateway implements ClientGateway {
    private final BlockingQueue<FakeSession> sessions = new LinkedBlockingQueue<>();
    private volatile boolean busAvailable = true;
    private volatile boolean storeAvailable = true;
    private volatile boolean failConnect;
    private volatile Authentication authentication = Authentication.none();

    @Override
    public Verification authenticate(String token) {
        return authentication.atConnect(token);
    }

    @Override
    public ClientSession connect(Handshake handshake) {
        if (failConnect) {
            throw new IllegalStateException("connect failed on purpose");
        }
        FakeSession session =
                new FakeSession(handshake.connection(), handshake.channel(), handshake.principal());
        sessions.add(session);
        return session;
    }

    @Override
    public Health health() {
        return new Health(busAvailable, storeAvailable);
    }

    void authenticateWith(Authentication other) {
        authentication = other;
    }

    void failConnect() {
        failConnect = true;
    }

    void setBusAvailable(boolean available) {
        busAvailable = available;
    }

    void setStoreAvailable(boolean available) {
        storeAvailable = available;
    }

    /** The next connected session, waiting for it. */
    FakeSession nextSession() throws InterruptedException {
        FakeSession session = sessions.poll(5, TimeUnit.SECONDS);
        assertThat(session).as("a client connected").isNotNull();
        return session;
    }

    /** One client as the gateway sees it. */
    static final class FakeSession implements ClientSession {
        final ClientConnection connection;
        final String channel;
        final Principal principal;
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final CompletableFuture<Void> binaryReceived = new CompletableFuture<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();
        final AtomicInteger closes = new AtomicInteger();
        final AtomicBoolean overlapped = new AtomicBoolean();
        final AtomicBoolean closedInsideOwnCall = new AtomicBoolean();
        private final AtomicBoolean inCall = new AtomicBoolean();
        private final ThreadLocal<Boolean> insideOwnCall = new ThreadLocal<>();

        FakeSession(ClientConnection connection, String channel, Principal principal) {
            this.connection = connection;
            this.channel = channel;
            this.principal = principal;
        }

        /** Completed by the test to finish handling a {@code "hold"} frame. */
        final CompletableFuture<Void> release = new CompletableFuture<>();

        @Override
        public CompletionStage<Void> onText(String text) {
            enter();
            try {
                texts.add(text);
                if (text.equals("close")) {
                    closeConnection(4000, "asked to");
                } else if (text.equals("hold")) {
                    return release;
                } else {
                    connection.send(text);
                }
                return CompletableFuture.completedFuture(null);
            } finally {
                inCall.set(false);
            }
        }

        @Override
        public void onBinary() {
            enter();
            try {
                binaryReceived.complete(null);
            } finally {
                inCall.set(false);
            }
        }

        /** Closes the connection the way the domain does, noting a close reported inside it. */
        void closeConnection(int code, String reason) {
            insideOwnCall.set(Boolean.TRUE);
            try {
                connection.close(code, reason);
            } finally {
                insideOwnCall.remove();
            }
        }

        @Override
        public void onClose() {
            if (insideOwnCall.get() != null) {
                closedInsideOwnCall.set(true);
            }
            enter();
            try {
                closes.incrementAndGet();
                closed.complete(null);
            } finally {
                inCall.set(false);
            }
        }

        String nextText() throws InterruptedException {
            String text = texts.poll(5, TimeUnit.SECONDS);
            assertThat(text).as("a text frame arrived").isNotNull();
            return text;
        }

        void awaitClosed() throws Exception {
            closed.get(5, TimeUnit.SECONDS);
        }

        private void enter() {
            if (!inCall.compareAndSet(false, true)) {
                overlapped.set(true);
            }
        }
    }
}
