package io.monorail.ws.domain;

import io.monorail.ws.domain.error.RequestException;
import io.monorail.ws.domain.port.in.ClientSession;
import io.monorail.ws.domain.port.in.Handshake;
import io.monorail.ws.domain.port.out.Clock;
import io.monorail.ws.protocol.ClientText;
import io.monorail.ws.protocol.CloseCode;
import io.monorail.ws.protocol.ErrorCode;
import io.monorail.ws.protocol.Message;
import io.monorail.ws.protocol.ProtocolException;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One client connection: admits its frames (token still valid, rate respected), decodes them and
 * routes each by {@code handler} to the class that handles that kind of request. Every client
 * mistake becomes an {@code error} frame; only a flood of frames (1008) and an expired token (4001)
 * close the connection.
 */
final class ClientHandler implements ClientSession {
    private static final System.Logger LOG = System.getLogger(ClientHandler.class.getName());
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /** The handlers of each kind of request, shared by every connection of a gateway. */
    record Requests(
            SessionRequests sessions,
            WatchRequests watches,
            ReadRequests reads,
            AuthRequests auth,
            RateLimit rate,
            Clock clock) {}

    private final ClientState client;
    private final Requests requests;
    private final RateLimiter rate;
    private final AtomicBoolean expiryClosed = new AtomicBoolean();
    private final Consumer<ClientHandler> onClosed;

    /**
     * @param onClosed told once the connection has closed
     */
    ClientHandler(
            Handshake handshake,
            Requests requests,
            ClientState client,
            Consumer<ClientHandler> onClosed) {
        this.client = client;
        this.requests = requests;
        this.onClosed = onClosed;
        this.rate = new RateLimiter(requests.rate(), requests.clock().millis());
        client.session(requests.sessions().open(handshake.connection(), handshake.principal()));
    }

    @Override
    public CompletionStage<Void> onText(String text) {
        if (!admitted()) {
            return DONE;
        }
        Message message;
        try {
            message = client.codec().decode(text);
        } catch (ProtocolException e) {
            Message frame = e.frame() == null ? null : Message.of(e.frame());
            client.replyError(frame, e.code(), e.getMessage(), echo(text));
            return DONE;
        }
        CompletableFuture<Void> handled;
        try {
            handled = route(message);
        } catch (RequestException | RuntimeException e) {
            handled = CompletableFuture.failedFuture(e);
        }
        // Whatever happened, the client gets an answer and the next frame is read.
        return handled.exceptionally(
                failure -> {
                    Throwable cause = Failures.unwrap(failure);
                    if (cause instanceof RequestException refused) {
                        client.replyError(
                                message, refused.code(), refused.getMessage(), echo(text));
                    } else {
                        LOG.log(
                                Level.ERROR,
                                "unexpected failure handling a '" + message.handler() + "' frame",
                                cause);
                        client.replyError(message, ErrorCode.INTERNAL, "internal error", null);
                    }
                    return null;
                });
    }

    @Override
    public void onBinary() {
        if (!admitted()) {
            return;
        }
        client.replyError(
                null,
                ErrorCode.BAD_JSON,
                "binary frames are not part of the protocol; send JSON text",
                null);
    }

    @Override
    public void onClose() {
        onClosed.accept(this);
        requests.sessions().closed(client, requests.clock().millis());
    }

    private CompletableFuture<Void> route(Message message) throws RequestException {
        switch (message.handler()) {
            case "init" -> requests.sessions().init(client, message);
            case "watch" -> {
                return requests.watches().watch(client, message);
            }
            case "stop" -> requests.watches().stop(client, message);
            case "query", "all", "get" -> {
                return requests.reads().read(client, message);
            }
            case "auth" -> requests.auth().refresh(client, message);
            case "error" -> LOG.log(Level.DEBUG, "client reported an error: {0}", message.params());
            default ->
                    throw new RequestException(
                            ErrorCode.UNKNOWN_HANDLER,
                            "unknown handler '"
                                    + ClientText.abbreviate(message.handler())
                                    + "'; expected init, query, all, get, watch, stop or auth");
        }
        return DONE;
    }

    /**
     * Closes the connection with 4001 when its principal has expired by {@code nowMillis}.
     *
     * @return true when it has expired (closed now or before)
     */
    boolean closeIfExpired(long nowMillis) {
        if (!client.principal().expiredAt(nowMillis)) {
            return false;
        }
        if (expiryClosed.compareAndSet(false, true)) {
            LOG.log(
                    Level.DEBUG,
                    "closing {0} ({1}): token expired",
                    client.connection().remoteAddress(),
                    client.principal().subject());
            client.connection()
                    .close(CloseCode.TOKEN_EXPIRED.code(), CloseCode.TOKEN_EXPIRED.reason());
        }
        return true;
    }

    /** Whether the next frame may be handled: the token is still valid and the rate respected. */
    private boolean admitted() {
        long now = requests.clock().millis();
        if (closeIfExpired(now)) {
            return false;
        }
        switch (rate.next(now)) {
            case ACCEPT -> {
                return true;
            }
            case REFUSE ->
                    client.replyError(
                            null,
                            ErrorCode.RATE_LIMITED,
                            "more than "
                                    + requests.rate().perSecond()
                                    + " messages per second; this one was not handled",
                            null);
            case CLOSE -> {
                LOG.log(
                        Level.WARNING,
                        "closing {0}: kept sending over {1} messages per second",
                        client.connection().remoteAddress(),
                        requests.rate().perSecond());
                client.connection()
                        .close(
                                CloseCode.POLICY_VIOLATION.code(),
                                CloseCode.POLICY_VIOLATION.reason());
            }
        }
        return false;
    }

    /** The request to echo in an error, or null when it may carry a credential. */
    private static String echo(String text) {
        return text.toLowerCase(Locale.ROOT).contains("token") ? null : text;
    }
}
