package io.monorail.ws.adapter.rabbitmq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monorail.ws.domain.port.out.SessionRecord;
import io.monorail.ws.domain.port.out.SessionRecord.Checkpoint;
import io.monorail.ws.domain.port.out.SessionRecord.WatchRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of what the session stream carries: a record, a deletion, or a marker an instance
 * writes to learn when it has read everything before it.
 *
 * <p>Reading is strict: an entry that lacks a field, or has one of the wrong kind, is refused
 * ({@link IllegalArgumentException}) rather than read with a made-up default. Unknown fields are
 * ignored, so a newer gateway may add some.
 */
final class SessionStreamJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SessionStreamJson() {}

    /** One entry of the stream. */
    sealed interface Entry {}

    /** A session's record, to keep unless a record of a higher generation is kept. */
    record Saved(SessionRecord record) implements Entry {}

    /** A session's end, to apply unless a record of a higher generation is kept. */
    record Deleted(String id, long generation) implements Entry {}

    /** Nothing to apply: the instance that wrote it waits for it to come back. */
    record Marker(String id) implements Entry {}

    static byte[] saved(SessionRecord record) {
        return bytes(toJson(record));
    }

    static byte[] deleted(String id, long generation) {
        return bytes(
                JSON.createObjectNode()
                        .put("id", id)
                        .put("deleted", true)
                        .put("generation", generation));
    }

    static byte[] marker(String id) {
        return bytes(JSON.createObjectNode().put("marker", id));
    }

    /**
     * Reads one entry.
     *
     * @throws IllegalArgumentException when the bytes are not an entry of this form
     */
    static Entry read(byte[] body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (node.has("marker")) {
            return new Marker(text(node, "marker"));
        }
        if (node.path("deleted").asBoolean(false)) {
            return new Deleted(text(node, "id"), number(node, "generation"));
        }
        return new Saved(fromJson(node));
    }

    private static ObjectNode toJson(SessionRecord record) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", record.id());
        node.put("owner", record.owner());
        node.put("instance", record.instance());
        node.put("generation", record.generation());
        node.put("lastSeq", record.lastSeq());
        node.put("detachedAt", record.detachedAtMillis());
        node.put("writtenAt", record.writtenAtMillis());
        writeWatches(node.putArray("watches"), record.watches());
        ArrayNode checkpoints = node.putArray("checkpoints");
        // A checkpoint names its watches only when they differ from the one before (the first,
        // from the record's own): records are written every few seconds, and watches rarely change.
        List<WatchRecord> previous = record.watches();
        List<SessionRecord.TrackedWatch> previousTracked = List.of();
        for (Checkpoint checkpoint : record.checkpoints()) {
            ObjectNode written = checkpoints.addObject();
            written.put("seq", checkpoint.seq());
            written.put("offset", checkpoint.offset());
            written.put("kind", checkpoint.kind().name());
            if (!checkpoint.watches().equals(previous)) {
                writeWatches(written.putArray("watches"), checkpoint.watches());
            }
            previous = checkpoint.watches();
            // Likewise the documents its filtered watches showed: only when they changed.
            if (!checkpoint.tracked().equals(previousTracked)) {
                ArrayNode tracked = written.putArray("tracked");
                for (SessionRecord.TrackedWatch watch : checkpoint.tracked()) {
                    ObjectNode entry =
                            tracked.addObject()
                                    .put("type", watch.type())
                                    .put("params", watch.params());
                    if (watch.ids() == null) {
                        entry.putNull("ids"); // it overflowed
                    } else {
                        watch.ids().forEach(entry.putArray("ids")::add);
                    }
                }
            }
            previousTracked = checkpoint.tracked();
        }
        return node;
    }

    private static SessionRecord fromJson(JsonNode node) {
        List<Checkpoint> checkpoints = new ArrayList<>();
        List<WatchRecord> watches = readWatches(array(node, "watches"));
        List<WatchRecord> previous = watches;
        List<SessionRecord.TrackedWatch> previousTracked = List.of();
        for (JsonNode checkpoint : array(node, "checkpoints")) {
            List<WatchRecord> own =
                    checkpoint.has("watches")
                            ? readWatches(array(checkpoint, "watches"))
                            : previous;
            List<SessionRecord.TrackedWatch> tracked = previousTracked;
            if (checkpoint.has("tracked")) {
                tracked = new ArrayList<>();
                for (JsonNode entry : array(checkpoint, "tracked")) {
                    List<String> ids = null;
                    if (!entry.path("ids").isNull()) {
                        ids = new ArrayList<>();
                        for (JsonNode one : array(entry, "ids")) {
                            if (!one.isTextual()) {
                                throw new IllegalArgumentException("ids must be strings");
                            }
                            ids.add(one.textValue());
                        }
                    }
                    tracked.add(
                            new SessionRecord.TrackedWatch(
                                    text(entry, "type"), text(entry, "params"), ids));
                }
            }
            checkpoints.add(
                    new Checkpoint(
                            number(checkpoint, "seq"),
                            number(checkpoint, "offset"),
                            kind(text(checkpoint, "kind")),
                            own,
                            tracked));
            previousTracked = tracked;
            previous = own;
        }
        return new SessionRecord(
                text(node, "id"),
                text(node, "owner"),
                text(node, "instance"),
                number(node, "generation"),
                watches,
                number(node, "lastSeq"),
                number(node, "detachedAt"),
                number(node, "writtenAt"),
                checkpoints);
    }

    private static void writeWatches(ArrayNode array, List<WatchRecord> watches) {
        for (WatchRecord watch : watches) {
            array.addObject()
                    .put("type", watch.type())
                    .put("params", watch.params())
                    .put("typeField", watch.typeField())
                    .put("ref", watch.ref());
        }
    }

    private static List<WatchRecord> readWatches(JsonNode array) {
        List<WatchRecord> watches = new ArrayList<>();
        for (JsonNode watch : array) {
            JsonNode ref = watch.get("ref");
            if (ref != null && !ref.isNull() && !ref.isTextual()) {
                throw new IllegalArgumentException("ref is neither text nor null");
            }
            watches.add(
                    new WatchRecord(
                            text(watch, "type"),
                            text(watch, "params"),
                            text(watch, "typeField"),
                            ref == null || ref.isNull() ? null : ref.textValue()));
        }
        return watches;
    }

    private static Checkpoint.Kind kind(String name) {
        try {
            return Checkpoint.Kind.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown checkpoint kind " + name, e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(field + " is missing or not text");
        }
        return value.textValue();
    }

    private static long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
            throw new IllegalArgumentException(field + " is missing or not a whole number");
        }
        return value.longValue();
    }

    private static JsonNode array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException(field + " is missing or not an array");
        }
        return value;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
