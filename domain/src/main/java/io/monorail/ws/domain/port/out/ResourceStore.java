package io.monorail.ws.domain.port.out;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * Outgoing port to the document store (MongoDB). Documents come back rendered as RackHD publishes
 * records: {@code _id} as {@code id} (an ObjectId as its 24-hex string), dates as ISO-8601 strings.
 * A filter on {@code id} matches {@code _id}, whether stored as an ObjectId or a string. Calls
 * block; the domain runs them off the transport's threads.
 */
public interface ResourceStore {
    /**
     * The documents of {@code collection} that match {@code filter}, at most {@code
     * options.limit()} of them.
     *
     * @throws StoreException when the store cannot answer (down, timed out)
     */
    List<ObjectNode> find(String collection, DocumentFilter filter, FindOptions options);

    /** The first document that matches, if any. */
    Optional<ObjectNode> findOne(String collection, DocumentFilter filter, FindOptions options);

    /** True when the last contact with the store succeeded. */
    boolean isAvailable();
}
