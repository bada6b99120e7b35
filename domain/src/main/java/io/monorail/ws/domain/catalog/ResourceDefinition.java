package io.monorail.ws.domain.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.monorail.ws.domain.error.RequestException;
import io.monorail.ws.domain.subscription.WatchPlan;

/** One resource clients can name in {@code type}: a MongoDB collection or a topic exchange. */
public sealed interface ResourceDefinition permits CollectionResource, TopicResource {
    /** The name clients use, e.g. {@code nodes}. */
    String name();

    /** How to watch this resource with the given params; validates them. */
    WatchPlan planWatch(JsonNode params) throws RequestException;
}
