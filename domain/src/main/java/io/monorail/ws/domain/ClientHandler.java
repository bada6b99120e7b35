package io.monorail.ws.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monorail.ws.domain.auth.Action;
import io.monorail.ws.domain.auth.Authentication;
import io.monorail.ws.domain.auth.GatewaySecurity;
import io.monorail.ws.domain.auth.Principal;
import io.monorail.ws.domain.auth.Verification;
import io.monorail.ws.domain.catalog.CollectionResource;
import io.monorail.ws.domain.catalog.ResourceCatalog;
import io.monorail.ws.domain.catalog.ResourceDefinition;
import io.monorail.ws.domain.port.in.ClientSession;
import io.monorail.ws.domain.port.in.Handshake;
import io.monorail.ws.domain.port.out.ClientConnection;
import io.monorail.ws.domain.port.out.Clock;
import io.monorail.ws.domain.port.out.EventFeedException;
import io.monorail.ws.domain.port.out.SessionStore;
import io.monorail.ws.domain.session.Session;
import io.monorail.ws.domain.session.SessionIds;
import io.monorail.ws.domain.subscription.SubscriptionRegistry;
import io.monorail.ws.domain.subscription.Watch;
import io.monorail.ws.domain.subscription.WatchKey;
import io.monorail.ws.domain.subscription.WatchPlan;
import io.monorail.ws.protocol.ErrorCode;
import io.monorail.ws.protocol.Frames;
import io.monorail.ws.protocol.Message;
import io.monorail.ws.protocol.MessageCodec;
import io.monorail.ws.protocol.ProtocolException;
import io.monorail.ws.protocol.SharedFrame;
import io.monorail.ws.protocol.TypeField;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client connection: decodes its frames, routes each by {@code handler} when its principal may
 * do that, and answers. Every client mistake becomes an {@code error} frame; only a flood of frames
 * (1008) and an expired token (4001) close the connection.
 */
final class ClientHandler implements ClientSession {
    /** Close code for a connection whose session another connection resumed. */
    static final int TAKEN_OVER = 4002;

    /** Close code for a connection whose token expired without a fresh one. */
    static final int TOKEN_EXPIRED = 4001;

    /** Close code for a client that kept sending over its rate. */
    static final int POLICY_VIOLATION = 1008;

    private static final System.Logger LOG = System.getLogger(ClientHandler.class.getName());
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /** What every connection of one gateway shares. */
    record Shared(
            ResourceCatalog catalog,
            SubscriptionRegistry registry,
            MessageCodec codec,
            GatewayLimits limits,
            StoreReads reads,
            SessionStore sessions,
            Clock clock,
            GatewaySecurity security,
            Set<ClientHandler> connected) {}

    private final ClientConnection connection;
    private final String channel;
    private final Shared shared;
    private final RateLimiter rate;
    private final AtomicBoolean expiryClosed = new AtomicBoolean();
    // Replaced by a resume; read by the transport's thread only (frames never overlap).
    private volatile Session session;
    // Replaced by an in-band refresh (same subject); read by the expiry sweep too.
    private volatile Principal principal;

    ClientHandler(Handshake handshake, Shared shared) {
        this.connection = handshake.connection();
        this.channel = handshake.channel();
        this.principal = handshake.principal();
        this.shared = shared;
        this.rate = new RateLimiter(shared.limits().messageRate(), shared.clock().millis());
        this.session = newSession();
        shared.connected().add(this);
    }

    @Override
    public CompletionStage<Void> onText(String text) {
        if (!admitted()) {
            return DONE;
        }
        Message message;
        try {
            message = shared.codec().decode(text);
        } catch (ProtocolException e) {
            Message frame = e.frame() == null ? null : Message.of(e.frame());
            replyError(frame, e.code(), e.getMessage(), echo(text));
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
                    Throwable cause = unwrap(failure);
                    if (cause instanceof RequestException refused) {
                        replyError(message, refused.code(), refused.getMessage(), echo(text));
                    } else {
                        LOG.log(
                                Level.ERROR,
                                "unexpected failure handling a '" + message.handler() + "' frame",
                                cause);
                        replyError(message, ErrorCode.INTERNAL, "internal error", null);
                    }
                    return null;
                });
    }

    @Override
    public void onBinary() {
        if (!admitted()) {
            return;
        }
        replyError(
                null,
                ErrorCode.BAD_JSON,
                "binary frames are not part of the protocol; send JSON text",
                null);
    }

    @Override
    public void onClose() {
        shared.connected().remove(this);
        Session current = session;
        if (!current.detach(connection, shared.clock().millis())) {
            return; // another connection resumed it: it lives on there
        }
        if (!current.announced()) {
            // The client never learned the id, so it cannot come back for it.
            end(current);
        }
    }

    private CompletableFuture<Void> route(Message message) throws RequestException {
        switch (message.handler()) {
            case "init" -> init(message);
            case "watch" -> {
                return watch(message);
            }
            case "stop" -> stop(message);
            case "query", "all", "get" -> {
                return read(message);
            }
            case "auth" -> reauthenticate(message);
            case "error" -> LOG.log(Level.DEBUG, "client reported an error: {0}", message.params());
            default ->
                    throw new RequestException(
                            ErrorCode.UNKNOWN_HANDLER,
                            "unknown handler '"
                                    + Text.abbreviate(message.handler())
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
        if (!principal.expiredAt(nowMillis)) {
            return false;
        }
        if (expiryClosed.compareAndSet(false, true)) {
            LOG.log(
                    Level.DEBUG,
                    "closing {0} ({1}): token expired",
                    connection.remoteAddress(),
                    principal.subject());
            connection.close(TOKEN_EXPIRED, "token expired");
        }
        return true;
    }

    /** Whether the next frame may be handled: the token is still valid and the rate respected. */
    private boolean admitted() {
        long now = shared.clock().millis();
        if (closeIfExpired(now)) {
            return false;
        }
        switch (rate.next(now)) {
            case ACCEPT -> {
                return true;
            }
            case REFUSE ->
                    replyError(
                            null,
                            ErrorCode.RATE_LIMITED,
                            "more than "
                                    + shared.limits().messageRate().perSecond()
                                    + " messages per second; this one was not handled",
                            null);
            case CLOSE -> {
                LOG.log(
                        Level.WARNING,
                        "closing {0}: kept sending over {1} messages per second",
                        connection.remoteAddress(),
                        shared.limits().messageRate().perSecond());
                connection.close(POLICY_VIOLATION, "rate limit exceeded");
            }
        }
        return false;
    }

    /**
     * {@code {"handler":"auth","token":...}}: a fresh token for the same subject keeps the
     * connection (and its session and watches) open past the current token's expiry.
     */
    private void reauthenticate(Message message) throws RequestException {
        Authentication authentication = shared.security().authentication();
        if (!authentication.isRequired()) {
            throw new RequestException(
                    ErrorCode.NOT_SUPPORTED, "authentication is off on this gateway");
        }
        JsonNode token = message.get("token");
        if (token == null || !token.isTextual() || token.textValue().isBlank()) {
            throw new RequestException(ErrorCode.BAD_PARAMS, "token must be a non-empty string");
        }
        Verification fresh = authentication.refresh(principal, token.textValue());
        if (fresh.principal().isEmpty()) {
            String reason = fresh.failure().orElse("invalid");
            LOG.log(
                    Level.DEBUG,
                    "token refresh of {0} refused: {1}",
                    connection.remoteAddress(),
                    reason);
            throw new RequestException(ErrorCode.UNAUTHORIZED, "token refused: " + reason);
        }
        principal = fresh.principal().get();
        String expiresAt = principal.expiresAt() == null ? null : principal.expiresAt().toString();
        reply(message, Frames.authAccepted(expiresAt));
    }

    private void authorize(ResourceDefinition resource, Action action) throws RequestException {
        if (!shared.security().policy().allows(principal, resource.name(), action)) {
            throw new RequestException(
                    ErrorCode.FORBIDDEN, "not allowed to " + action.wire() + " " + resource.name());
        }
    }

    /** The request to echo in an error, or null when it may carry a credential. */
    private static String echo(String text) {
        return text.toLowerCase(Locale.ROOT).contains("token") ? null : text;
    }

    private void init(Message message) throws RequestException {
        JsonNode previous = message.id();
        if (previous == null) {
            announce(message, Frames.session(session.id()));
            return;
        }
        if (!previous.isTextual()) {
            throw new RequestException(ErrorCode.BAD_PARAMS, "id must be a session id string");
        }
        JsonNode seqNode = message.get("seq");
        if (seqNode != null && (!seqNode.isIntegralNumber() || seqNode.longValue() < 0)) {
            throw new RequestException(ErrorCode.BAD_PARAMS, "seq must be a non-negative integer");
        }
        long seen = seqNode == null ? 0 : seqNode.longValue();
        Optional<Session> found = shared.sessions().find(previous.textValue());
        if (found.isEmpty()) {
            notResumed(message, "unknown_session", previous.textValue());
            return;
        }
        Session old = found.get();
        if (!old.owner().equals(principal.subject())) {
            // Another subject's session: indistinguishable from one that does not exist.
            notResumed(message, "unknown_session", previous.textValue());
            return;
        }
        ObjectNode reply = Frames.withRef(Frames.session(old.id(), true, null), message.ref());
        Optional<Session.ResumeResult> resumed =
                old.resume(connection, seen, shared.codec().encode(reply));
        if (resumed.isEmpty()) {
            String reason = seen > old.lastSeq() ? "unknown_seq" : "gap";
            if (old.detachedAt() >= 0 && shared.sessions().remove(old) && old.expire()) {
                end(old); // nobody can resume it any more
            }
            notResumed(message, reason, old.id());
            return;
        }
        Session replaced = session;
        session = old;
        if (replaced != old) {
            end(replaced);
        }
        ClientConnection previousConnection = resumed.get().previous();
        if (previousConnection != null) {
            previousConnection.close(TAKEN_OVER, "session resumed by another connection");
        }
        LOG.log(
                Level.DEBUG,
                "{0} resumed by {1}, {2} messages replayed",
                old,
                connection.remoteAddress(),
                resumed.get().replayed());
    }

    private void notResumed(Message message, String reason, String askedFor) {
        LOG.log(
                Level.DEBUG,
                "resume of session {0} refused ({1}); new {2}",
                SessionIds.redact(askedFor),
                reason,
                session);
        announce(message, Frames.session(session.id(), false, reason));
    }

    private void announce(Message message, ObjectNode reply) {
        session.announce();
        shared.sessions().put(session);
        reply(message, reply);
    }

    private CompletableFuture<Void> watch(Message message) throws RequestException {
        ResourceDefinition resource = resource(message);
        authorize(resource, Action.WATCH);
        boolean snapshot = message.flag("snapshot");
        if (snapshot && !(resource instanceof CollectionResource)) {
            throw new RequestException(
                    ErrorCode.BAD_PARAMS,
                    "snapshot watches are for collection resources; "
                            + resource.name()
                            + " is a live topic");
        }
        JsonNode params = message.params();
        WatchPlan plan = resource.planWatch(params);
        WatchKey key = WatchKey.of(resource.name(), params);
        Session owner = session;
        if (owner.watch(key) != null) {
            return DONE; // already watching exactly this: one stream, not two
        }
        if (owner.watchCount() >= shared.limits().maxWatchesPerConnection()) {
            throw new RequestException(
                    ErrorCode.TOO_MANY_WATCHES,
                    "at most "
                            + shared.limits().maxWatchesPerConnection()
                            + " watches per connection");
        }
        Watch watch =
                new Watch(
                        key,
                        owner,
                        message.typeField(),
                        SharedFrame.encodeRef(shared.codec(), message.ref()));
        owner.addWatch(watch);
        if (snapshot) {
            owner.beginSnapshot(watch);
        }
        CompletableFuture<Void> bound = shared.registry().add(watch, plan, snapshot);
        CompletableFuture<Void> ready =
                snapshot
                        ? bound.thenCompose(
                                ok ->
                                        sendSnapshot(
                                                (CollectionResource) resource,
                                                message,
                                                owner,
                                                watch,
                                                plan))
                        : bound;
        return ready.handle(
                (ok, failure) -> {
                    if (failure != null) {
                        owner.removeWatch(watch);
                        shared.registry().remove(watch);
                        watchFailed(message, resource, failure);
                    }
                    return null;
                });
    }

    /** Reads the snapshot after the watch is bound, so no change can fall between the two. */
    private CompletableFuture<Void> sendSnapshot(
            CollectionResource resource,
            Message message,
            Session owner,
            Watch watch,
            WatchPlan plan) {
        return shared.reads()
                .snapshot(resource, plan.filter())
                .thenAccept(
                        page ->
                                shared.registry()
                                        .completeSnapshot(watch, page.items(), page.truncated()));
    }

    private void watchFailed(Message message, ResourceDefinition resource, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof EventFeedException feedFailure) {
            ErrorCode code =
                    feedFailure.reason() == EventFeedException.Reason.REJECTED
                            ? ErrorCode.BAD_PARAMS
                            : ErrorCode.BUS_UNAVAILABLE;
            replyError(message, code, feedFailure.getMessage(), null, resource.name());
        } else if (cause instanceof RequestException refused) {
            replyError(message, refused.code(), refused.getMessage(), null, resource.name());
        } else {
            LOG.log(Level.ERROR, "watch on " + resource.name() + " failed", cause);
            replyError(message, ErrorCode.INTERNAL, "internal error", null, resource.name());
        }
    }

    private void stop(Message message) throws RequestException {
        List<Watch> stopped;
        Session owner = session;
        if (message.typeNode() == null && channel == null) {
            stopped = owner.removeWatches(key -> true);
        } else {
            ResourceDefinition resource = resource(message);
            authorize(resource, Action.WATCH);
            JsonNode params = message.params();
            if (params == null) {
                stopped = owner.removeWatches(key -> key.type().equals(resource.name()));
            } else {
                WatchKey wanted = WatchKey.of(resource.name(), params);
                stopped = owner.removeWatches(wanted::equals);
            }
        }
        stopped.forEach(shared.registry()::remove);
    }

    private CompletableFuture<Void> read(Message message) throws RequestException {
        ResourceDefinition resource = resource(message);
        authorize(resource, Action.READ);
        if (!(resource instanceof CollectionResource collection)) {
            throw new RequestException(
                    ErrorCode.NOT_SUPPORTED,
                    "'"
                            + message.handler()
                            + "' is not supported on "
                            + resource.name()
                            + ": it is a live topic; use watch");
        }
        CompletableFuture<ObjectNode> answer =
                switch (message.handler()) {
                    case "all" -> shared.reads().all(collection, message);
                    case "query" -> shared.reads().query(collection, message);
                    default -> shared.reads().get(collection, message);
                };
        return answer.thenAccept(frame -> reply(message, frame));
    }

    /** The resource a frame names, falling back to the connection's channel. */
    private ResourceDefinition resource(Message message) throws RequestException {
        JsonNode node = message.typeNode();
        String name;
        if (node == null) {
            if (channel == null) {
                throw new RequestException(
                        ErrorCode.UNKNOWN_TYPE,
                        "no type given and the connection has no channel; add \"type\"");
            }
            name = channel;
        } else if (!node.isTextual()) {
            throw new RequestException(ErrorCode.UNKNOWN_TYPE, "type must be a string");
        } else {
            name = node.textValue();
        }
        return shared.catalog()
                .find(name)
                .orElseThrow(
                        () ->
                                new RequestException(
                                        ErrorCode.UNKNOWN_TYPE,
                                        "unknown type '" + Text.abbreviate(name) + "'"));
    }

    private Session newSession() {
        return new Session(
                SessionIds.generate(),
                principal.subject(),
                connection,
                shared.codec(),
                shared.limits().sessions());
    }

    /** A session nobody can use any more: release its watches. */
    private void end(Session ended) {
        shared.sessions().remove(ended);
        ended.removeWatches(key -> true).forEach(shared.registry()::remove);
    }

    private void reply(Message request, ObjectNode frame) {
        Frames.withRef(frame, request == null ? null : request.ref());
        connection.send(shared.codec().encode(frame));
    }

    private void replyError(Message request, ErrorCode code, String text, String rawRequest) {
        String type = request == null ? null : request.type();
        if (type == null && request != null && request.typeNode() == null) {
            type = channel;
        }
        replyError(request, code, text, rawRequest, type);
    }

    private void replyError(
            Message request, ErrorCode code, String text, String rawRequest, String type) {
        TypeField field = request == null ? TypeField.TYPE : request.typeField();
        reply(request, Frames.error(field, type, code, text, rawRequest));
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
