package io.monorail.ws.domain.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A bus event as one resource presents it: the document watch filters are evaluated against, the
 * frame clients receive ({@code handler} plus {@code id}, {@code data}, ... fields), and, for a
 * collection, the document change it stands for (null for topic messages).
 */
public record TranslatedEvent(
        JsonNode filterTarget, String handler, ObjectNode fields, RecordChange change) {

    /** A document change: an {@code item}, or a {@code remove} when it was destroyed. */
    public static TranslatedEvent of(JsonNode filterTarget, RecordChange change) {
        return change.destroyed()
                ? new TranslatedEvent(filterTarget, "remove", change.removeFields(), change)
                : new TranslatedEvent(filterTarget, "item", change.itemFields(), change);
    }

    /** The id of the document this event is about, or null for a topic message. */
    public String documentId() {
        return change == null ? null : change.documentId();
    }
}
