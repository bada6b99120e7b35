package io.monorail.ws.domain.subscription;

import com.fasterxml.jackson.databind.JsonNode;

/** Turns a bus event into what one kind of resource sends to its watchers. */
public interface EventTranslator {
    /**
     * The event as this resource presents it, or null when the event does not make sense for it
     * (e.g. a record event without a record).
     */
    TranslatedEvent translate(String routingKey, JsonNode body);
}
