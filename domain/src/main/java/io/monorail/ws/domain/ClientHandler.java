package io.monorail.ws.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monorail.ws.domain.catalog.CollectionResource;
import io.monorail.ws.domain.catalog.ResourceCatalog;
import io.monorail.ws.domain.catalog.ResourceDefinition;
import io.monorail.ws.domain.port.in.ClientSession;
import io.monorail.ws.domain.port.out.ClientConnection;
import io.monorail.ws.domain.port.out.EventFeedException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One client connection: decodes its frames, routes each by {@code handler}, and answers. Every
 * client mistake becomes an {@code error} frame; nothing a client sends closes the connection.
 */
final class ClientHandler implements ClientSession {
    private static final System.Logger LOG = System.getLogger(ClientHandler.class.getName());
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final ClientConnection connection;
    private final String channel;
    private final ResourceCatalog catalog;
    private final SubscriptionRegistry registry;
    private final MessageCodec codec;
    private final GatewayLimits limits;
    private final StoreReads reads;
    private final Session session;

    ClientHandler(
            ClientConnection connection,
            String channel,
            ResourceCatalog catalog,
            SubscriptionRegistry registry,
            MessageCodec codec,
            GatewayLimits limits,
            StoreReads reads) {
        this.connection = connection;
        this.channel = channel;
        this.catalog = catalog;
        this.registry = registry;
        this.codec = codec;
        this.limits = limits;
        this.reads = reads;
        this.session = new Session(SessionIds.generate(), connection);
    }

    @Override
    public CompletionStage<Void> onText(String text) {
        Message message;
        try {
            message = codec.decode(text);
        } catch (ProtocolException e) {
            Message frame = e.frame() == null ? null : Message.of(e.frame());
            replyError(frame, e.code(), e.getMessage(), text);
            return DONE;
        }
        CompletableFuture<Void> handled;
        try {
            handled = route(message);
        } catch (RequestException e) {
            handled = CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            handled = CompletableFuture.failedFuture(e);
        }
        // Whatever happened, the client gets an answer and the next frame is read.
        return handled.exceptionally(
                failure -> {
                    Throwable cause = unwrap(failure);
                    if (cause instanceof RequestException refused) {
                        replyError(message, refused.code(), refused.getMessage(), text);
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
        replyError(
                null,
                ErrorCode.BAD_JSON,
                "binary frames are not part of the protocol; send JSON text",
                null);
    }

    @Override
    public void onClose() {
        session.detach();
        for (Watch watch : session.removeWatches(key -> true)) {
            registry.remove(watch);
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
            case "error" -> LOG.log(Level.DEBUG, "client reported an error: {0}", message.params());
            default ->
                    throw new RequestException(
                            ErrorCode.UNKNOWN_HANDLER,
                            "unknown handler '"
                                    + Text.abbreviate(message.handler())
                                    + "'; expected init, query, all, get, watch or stop");
        }
        return DONE;
    }

    private void init(Message message) {
        JsonNode previous = message.id();
        ObjectNode reply =
                previous == null
                        ? Frames.session(session.id())
                        : Frames.session(session.id(), false, "unknown_session");
        reply(message, reply);
    }

    private CompletableFuture<Void> watch(Message message) throws RequestException {
        ResourceDefinition resource = resource(message);
        if (message.flag("snapshot")) {
            throw new RequestException(
                    ErrorCode.NOT_SUPPORTED, "snapshot watches are not supported yet");
        }
        JsonNode params = message.params();
        WatchPlan plan = resource.planWatch(params);
        WatchKey key = WatchKey.of(resource.name(), params);
        if (session.watch(key) != null) {
            return DONE; // already watching exactly this: one stream, not two
        }
        if (session.watchCount() >= limits.maxWatchesPerConnection()) {
            throw new RequestException(
                    ErrorCode.TOO_MANY_WATCHES,
                    "at most " + limits.maxWatchesPerConnection() + " watches per connection");
        }
        Watch watch =
                new Watch(
                        key,
                        session,
                        message.typeField(),
                        SharedFrame.encodeRef(codec, message.ref()));
        session.addWatch(watch);
        return registry.add(watch, plan)
                .handle(
                        (ok, failure) -> {
                            if (failure != null) {
                                session.removeWatch(watch);
                                watchFailed(message, resource, failure);
                            }
                            return null;
                        });
    }

    private void watchFailed(Message message, ResourceDefinition resource, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof EventFeedException feedFailure) {
            ErrorCode code =
                    feedFailure.reason() == EventFeedException.Reason.REJECTED
                            ? ErrorCode.BAD_PARAMS
                            : ErrorCode.BUS_UNAVAILABLE;
            replyError(message, code, feedFailure.getMessage(), null, resource.name());
        } else {
            LOG.log(Level.ERROR, "watch on " + resource.name() + " failed", cause);
            replyError(message, ErrorCode.INTERNAL, "internal error", null, resource.name());
        }
    }

    private void stop(Message message) throws RequestException {
        List<Watch> stopped;
        if (message.typeNode() == null && channel == null) {
            stopped = session.removeWatches(key -> true);
        } else {
            ResourceDefinition resource = resource(message);
            JsonNode params = message.params();
            if (params == null) {
                stopped = session.removeWatches(key -> key.type().equals(resource.name()));
            } else {
                WatchKey wanted = WatchKey.of(resource.name(), params);
                stopped = session.removeWatches(wanted::equals);
            }
        }
        stopped.forEach(registry::remove);
    }

    private CompletableFuture<Void> read(Message message) throws RequestException {
        ResourceDefinition resource = resource(message);
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
                    case "all" -> reads.all(collection, message);
                    case "query" -> reads.query(collection, message);
                    default -> reads.get(collection, message);
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
        return catalog.find(name)
                .orElseThrow(
                        () ->
                                new RequestException(
                                        ErrorCode.UNKNOWN_TYPE,
                                        "unknown type '" + Text.abbreviate(name) + "'"));
    }

    private void reply(Message request, ObjectNode frame) {
        Frames.withRef(frame, request == null ? null : request.ref());
        connection.send(codec.encode(frame));
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
