package io.monorail.ws.adapter.mongodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.OperationType;
import io.monorail.ws.domain.port.out.BusEvent;
import io.monorail.ws.domain.port.out.EventFeedException;
import io.monorail.ws.domain.port.out.TopicBinding;
import java.io.UncheckedIOException;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Turns change-stream events into the events RackHD's writers publish on {@code on.waterline}:
 * routing key {@code <collection>.<created|updated|destroyed>.<id>}, body {@code {"event",
 * "record"}}; and finds the collection a binding on those keys is about.
 */
final class ChangeEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChangeEvents() {}

    /**
     * The event for one change of a document in {@code collection}, or {@code null} for changes
     * that are not a document's creation, update or removal (drop, rename, invalidate, ...), and
     * for an update whose document was already deleted again when the stream looked it up (its
     * delete follows).
     */
    static BusEvent toBusEvent(
            String exchange, String collection, ChangeStreamDocument<BsonDocument> change) {
        String event = eventName(change.getOperationType());
        if (event == null) {
            return null;
        }
        BsonDocument fullDocument = change.getFullDocument();
        BsonValue id = documentId(change.getDocumentKey(), fullDocument);
        if (id == null) {
            return null;
        }
        ObjectNode record;
        if (event.equals("destroyed")) {
            // No pre-image: the id is all a delete event tells.
            record = RecordRenderer.record(new BsonDocument("_id", id));
        } else if (fullDocument != null) {
            record = RecordRenderer.record(fullDocument);
        } else {
            return null;
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("event", event);
        body.set("record", record);
        String routingKey = collection + "." + event + "." + keyWord(id);
        return new BusEvent(exchange, routingKey, bytes(body));
    }

    /**
     * The collection whose changes {@code binding} selects: the first word of its pattern, which
     * must name one collection (change streams watch one collection each).
     *
     * @throws EventFeedException ({@code REJECTED}) for another exchange or a pattern starting with
     *     a wildcard
     */
    static String collectionOf(TopicBinding binding, String exchange) {
        if (!binding.exchange().equals(exchange)) {
            throw new EventFeedException(
                    EventFeedException.Reason.REJECTED,
                    "change streams serve exchange " + exchange + " only");
        }
        String pattern = binding.routingKey();
        int dot = pattern.indexOf('.');
        String first = dot < 0 ? pattern : pattern.substring(0, dot);
        if (first.equals("*") || first.equals("#")) {
            throw new EventFeedException(
                    EventFeedException.Reason.REJECTED,
                    "change streams need a collection name as the first word of the routing key"
                            + " (such as nodes.#), not "
                            + first);
        }
        if (first.isEmpty() || first.indexOf('$') >= 0) {
            throw new EventFeedException(
                    EventFeedException.Reason.REJECTED, "not a collection name: '" + first + "'");
        }
        return first;
    }

    private static String eventName(OperationType operation) {
        if (operation == null) {
            return null;
        }
        return switch (operation) {
            case INSERT -> "created";
            case UPDATE, REPLACE -> "updated";
            case DELETE -> "destroyed";
            default -> null;
        };
    }

    /**
     * The changed document's {@code _id}: from the document key, or from the full document when a
     * server puts something else in the key (mongo-java-server does for updates).
     */
    private static BsonValue documentId(BsonDocument documentKey, BsonDocument fullDocument) {
        if (documentKey != null && documentKey.containsKey("_id")) {
            return documentKey.get("_id");
        }
        if (fullDocument != null && fullDocument.containsKey("_id")) {
            return fullDocument.get("_id");
        }
        return null;
    }

    /** The id as the record shows it: ObjectIds as hex, strings as they are, others as JSON. */
    private static String keyWord(BsonValue id) {
        JsonNode rendered = RecordRenderer.value(id);
        return rendered.isTextual() ? rendered.textValue() : rendered.toString();
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a JSON tree that cannot be written", e);
        }
    }
}
