package io.monorail.ws.domain.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A change to one document of a collection, as RackHD publishes it: the event word ({@code
 * created}, {@code updated}, {@code destroyed}, {@code tag-added}, ...), the document's id as the
 * routing key carries it, and the record.
 */
public record RecordChange(String word, String documentId, JsonNode record) {
    /** The event word that ends a document's life; every other word leaves it alive. */
    public static final String DESTROYED = "destroyed";

    public RecordChange {
        Objects.requireNonNull(word, "word");
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(record, "record");
    }

    public boolean destroyed() {
        return DESTROYED.equals(word);
    }

    public boolean created() {
        return "created".equals(word);
    }

    /** {@code "id":[word, id], "data": record}: what an {@code item} frame carries. */
    public ObjectNode itemFields() {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.putArray("id").add(word).add(documentId);
        fields.set("data", record);
        return fields;
    }

    /** {@code "id": id, "params": {"id": id}, "data": record}: what a {@code remove} carries. */
    public ObjectNode removeFields() {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.put("id", documentId);
        fields.putObject("params").put("id", documentId);
        fields.set("data", record);
        return fields;
    }
}
