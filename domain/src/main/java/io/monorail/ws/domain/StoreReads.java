package io.monorail.ws.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monorail.ws.domain.catalog.CollectionResource;
import io.monorail.ws.domain.error.RequestException;
import io.monorail.ws.domain.filter.Filter;
import io.monorail.ws.domain.port.out.DocumentFilter;
import io.monorail.ws.domain.port.out.FindOptions;
import io.monorail.ws.domain.port.out.ResourceStore;
import io.monorail.ws.domain.port.out.StoreException;
import io.monorail.ws.protocol.ErrorCode;
import io.monorail.ws.protocol.Frames;
import io.monorail.ws.protocol.Message;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * {@code query}, {@code all} and {@code get} on collection resources. Reads run on a bounded
 * executor, never on the transport's threads, and each has a time limit in the store.
 */
final class StoreReads {
    private static final DocumentFilter ALL = data(Filter.matchAll());
    private final ResourceStore store;
    private final Executor executor;
    private final GatewayLimits limits;

    StoreReads(ResourceStore store, Executor executor, GatewayLimits limits) {
        this.store = store;
        this.executor = executor;
        this.limits = limits;
    }

    /** The answer to {@code all}: a {@code list}, cut at the result cap. */
    CompletableFuture<ObjectNode> all(CollectionResource resource, Message message) {
        FindOptions options = FindOptions.limit(limits.maxResults() + 1, limits.queryTimeout());
        return runRead(
                () -> list(resource, message, store.find(resource.collection(), ALL, options)));
    }

    /** The answer to {@code query}: a {@code list} of the matching documents. */
    CompletableFuture<ObjectNode> query(CollectionResource resource, Message message)
            throws RequestException {
        Filter filter = resource.compileFilter(message.params());
        FindOptions options =
                ReadRequest.options(message, limits.maxResults(), limits.queryTimeout());
        return runRead(
                () ->
                        list(
                                resource,
                                message,
                                store.find(resource.collection(), data(filter), options)));
    }

    /**
     * The answer to {@code get}: the {@code item}, or a {@code remove} when it does not exist. A
     * {@code get} whose {@code id} is null names no document: as RackHD's on-wss does, it is
     * answered with an {@code item} without data, and nothing is read.
     */
    CompletableFuture<ObjectNode> get(CollectionResource resource, Message message)
            throws RequestException {
        JsonNode params = message.params();
        if (params == null || !params.isObject() || params.isEmpty()) {
            throw new RequestException(
                    ErrorCode.BAD_PARAMS,
                    "get needs params identifying one document, e.g. {\"id\": ...}");
        }
        if (params.has("id") && params.get("id").isNull()) {
            return CompletableFuture.completedFuture(
                    Frames.item(
                            message.typeField(),
                            resource.name(),
                            JsonNodeFactory.instance.nullNode(),
                            null));
        }
        Filter filter = resource.compileFilter(params);
        FindOptions options = FindOptions.limit(1, limits.queryTimeout());
        return runRead(
                () -> {
                    Optional<ObjectNode> found =
                            store.findOne(resource.collection(), data(filter), options);
                    if (found.isPresent()) {
                        ObjectNode doc = found.get();
                        return Frames.item(
                                message.typeField(), resource.name(), doc.get("id"), doc);
                    }
                    JsonNode id = params.get("id");
                    ObjectNode remove =
                            Frames.remove(
                                    message.typeField(),
                                    resource.name(),
                                    id == null ? JsonNodeFactory.instance.nullNode() : id,
                                    null);
                    remove.set("params", params.deepCopy());
                    return remove;
                });
    }

    /** The documents a snapshot watch starts with, cut at the result cap. */
    CompletableFuture<Page> snapshot(CollectionResource resource, Filter filter) {
        FindOptions options = FindOptions.limit(limits.maxResults() + 1, limits.queryTimeout());
        return runRead(
                () -> {
                    List<ObjectNode> docs =
                            store.find(resource.collection(), data(filter), options);
                    ArrayNode items = JsonNodeFactory.instance.arrayNode();
                    docs.stream().limit(limits.maxResults()).forEach(items::add);
                    return new Page(items, docs.size() > limits.maxResults());
                });
    }

    /** Documents read, and whether the cap cut them. */
    record Page(ArrayNode items, boolean truncated) {}

    private ObjectNode list(CollectionResource resource, Message message, List<ObjectNode> docs) {
        int cap = limits.maxResults();
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        docs.stream().limit(cap).forEach(items::add);
        ObjectNode list = Frames.list(message.typeField(), resource.name(), items);
        if (docs.size() > cap) {
            list.put("truncated", true);
        }
        return list;
    }

    /** What a store receives: only filters the domain compiled, so validated. */
    private static DocumentFilter data(Filter filter) {
        return new DocumentFilter(filter.json());
    }

    private <T> CompletableFuture<T> runRead(Supplier<T> read) {
        try {
            return CompletableFuture.supplyAsync(read, executor)
                    .exceptionallyCompose(
                            failure -> CompletableFuture.failedFuture(translate(failure)));
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(
                    new RequestException(
                            ErrorCode.STORE_UNAVAILABLE, "too many reads in progress; try again"));
        }
    }

    private static Throwable translate(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
        if (cause instanceof StoreException) {
            return new RequestException(ErrorCode.STORE_UNAVAILABLE, cause.getMessage());
        }
        return cause;
    }
}
