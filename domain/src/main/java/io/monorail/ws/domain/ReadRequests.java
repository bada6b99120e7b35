package io.monorail.ws.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monorail.ws.domain.auth.Action;
import io.monorail.ws.domain.catalog.CollectionResource;
import io.monorail.ws.domain.catalog.ResourceDefinition;
import io.monorail.ws.domain.error.RequestException;
import io.monorail.ws.protocol.ErrorCode;
import io.monorail.ws.protocol.Message;
import java.util.concurrent.CompletableFuture;

/** {@code query}, {@code all} and {@code get}: reads of collection resources. */
final class ReadRequests {
    private final ResourceAccess resources;
    private final StoreReads reads;

    ReadRequests(ResourceAccess resources, StoreReads reads) {
        this.resources = resources;
        this.reads = reads;
    }

    /** Completes once the answer is sent. */
    CompletableFuture<Void> read(ClientState client, Message message) throws RequestException {
        ResourceDefinition resource = resources.resolve(client, message, Action.READ);
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
        return answer.thenAccept(frame -> client.reply(message, frame));
    }
}
