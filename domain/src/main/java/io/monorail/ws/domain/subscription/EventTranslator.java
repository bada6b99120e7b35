package io.monorail.ws.domain.subscription;

import com.fasterxml.jackson.databind.JsonNode;

/** Turns a bus event into what one kind of resource sends to its watchers. */
public interface EventTranslator {
    /**
     * The event as this resource presents it, or null when the event does not make sense for it
     * (e.g. a record event without an id).
     */
    TranslatedEvent translate(String routingKey, JsonNode body);

    /**
     * The id by which this resource's events name a stored document (as read for a snapshot), or
     * null when its events are not about documents.
     */
    default String documentId(JsonNode document) {
        return null;
    }
}
