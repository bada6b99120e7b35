package io.monorail.ws.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.monorail.ws.domain.auth.Action;
import io.monorail.ws.domain.catalog.CollectionResource;
import io.monorail.ws.domain.catalog.ResourceDefinition;
import io.monorail.ws.domain.error.RequestException;
import io.monorail.ws.domain.port.out.EventFeedException;
import io.monorail.ws.domain.port.out.SessionRecord.Checkpoint.Kind;
import io.monorail.ws.domain.session.Session;
import io.monorail.ws.domain.session.SessionDirectory;
import io.monorail.ws.domain.subscription.SubscriptionRegistry;
import io.monorail.ws.domain.subscription.Watch;
import io.monorail.ws.domain.subscription.WatchKey;
import io.monorail.ws.domain.subscription.WatchPlan;
import io.monorail.ws.protocol.ErrorCode;
import io.monorail.ws.protocol.Message;
import io.monorail.ws.protocol.MessageCodec;
import io.monorail.ws.protocol.SharedFrame;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * {@code watch} (live, or snapshot first) and {@code stop}. A watch is answered once it is bound on
 * the bus, so the client's next request sees it in place; a refused one is answered with an {@code
 * error} and leaves nothing behind.
 */
final class WatchRequests {
    private static final System.Logger LOG = System.getLogger(WatchRequests.class.getName());
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final ResourceAccess resources;
    private final SubscriptionRegistry registry;
    private final StoreReads reads;
    private final SessionDirectory directory;
    private final MessageCodec codec;
    private final int maxWatches;

    WatchRequests(
            ResourceAccess resources,
            SubscriptionRegistry registry,
            StoreReads reads,
            SessionDirectory directory,
            MessageCodec codec,
            int maxWatches) {
        this.resources = resources;
        this.registry = registry;
        this.reads = reads;
        this.directory = directory;
        this.codec = codec;
        this.maxWatches = maxWatches;
    }

    /** Completes when the watch is in place, or refused and answered with an error. */
    CompletableFuture<Void> watch(ClientState client, Message message) throws RequestException {
        ResourceDefinition resource = resources.resolve(client, message, Action.WATCH);
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
        Session owner = client.session();
        if (owner.watch(key) != null) {
            return DONE; // already watching exactly this: one stream, not two
        }
        if (owner.watchCount() >= maxWatches) {
            throw new RequestException(
                    ErrorCode.TOO_MANY_WATCHES,
                    "at most " + maxWatches + " watches per connection");
        }
        Watch watch =
                new Watch(
                        key,
                        owner,
                        message.typeField(),
                        SharedFrame.encodeRef(codec, message.ref()));
        CompletableFuture<Void> bound =
                directory.change(
                        owner,
                        snapshot ? Kind.BLOCKED : Kind.STEP,
                        () -> {
                            owner.addWatch(watch);
                            if (snapshot) {
                                owner.beginSnapshot(watch);
                            }
                            return registry.add(watch, plan, snapshot);
                        });
        CompletableFuture<Void> ready =
                snapshot
                        ? bound.thenCompose(
                                ok ->
                                        reads.snapshot((CollectionResource) resource, plan.filter())
                                                .thenAccept(
                                                        page ->
                                                                directory.change(
                                                                        owner,
                                                                        Kind.BARRIER,
                                                                        () -> {
                                                                            registry
                                                                                    .completeSnapshot(
                                                                                            watch,
                                                                                            page
                                                                                                    .items(),
                                                                                            page
                                                                                                    .truncated());
                                                                            return null;
                                                                        })))
                        : bound;
        return ready.handle(
                (ok, failure) -> {
                    if (failure != null) {
                        directory.change(
                                owner,
                                Kind.STEP,
                                () -> {
                                    owner.removeWatch(watch);
                                    registry.remove(watch);
                                    return null;
                                });
                        refused(client, message, resource, failure);
                    } else {
                        directory.changed(owner);
                    }
                    return null;
                });
    }

    /** {@code stop}: ends the watch with these type and params, or every watch of a type. */
    void stop(ClientState client, Message message) throws RequestException {
        Session owner = client.session();
        Predicate<WatchKey> which = stopping(client, message);
        List<Watch> stopped =
                directory.change(
                        owner,
                        Kind.STEP,
                        () -> {
                            List<Watch> removed = owner.removeWatches(which);
                            removed.forEach(registry::remove);
                            return removed;
                        });
        if (!stopped.isEmpty()) {
            directory.changed(owner);
        }
    }

    /** Which watches a {@code stop} names. */
    private Predicate<WatchKey> stopping(ClientState client, Message message)
            throws RequestException {
        if (message.typeNode() == null && client.channel() == null) {
            return key -> true;
        }
        ResourceDefinition resource = resources.resolve(client, message, Action.WATCH);
        JsonNode params = message.params();
        if (params == null) {
            return key -> key.type().equals(resource.name());
        }
        return WatchKey.of(resource.name(), params)::equals;
    }

    private static void refused(
            ClientState client, Message message, ResourceDefinition resource, Throwable failure) {
        Throwable cause = Failures.unwrap(failure);
        if (cause instanceof EventFeedException feedFailure) {
            ErrorCode code =
                    feedFailure.reason() == EventFeedException.Reason.REJECTED
                            ? ErrorCode.BAD_PARAMS
                            : ErrorCode.BUS_UNAVAILABLE;
            client.replyError(message, code, feedFailure.getMessage(), null, resource.name());
        } else if (cause instanceof RequestException refused) {
            client.replyError(message, refused.code(), refused.getMessage(), null, resource.name());
        } else {
            LOG.log(Level.ERROR, "watch on " + resource.name() + " failed", cause);
            client.replyError(message, ErrorCode.INTERNAL, "internal error", null, resource.name());
        }
    }
}
