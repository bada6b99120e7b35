package io.monorail.ws.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Turns the application's params (maps, trees) into JSON trees the client may keep. */
final class Json {
    // Configured once, never changed: safe to share.
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    /** A tree of {@code value} (a map, list, bean...); {@code null} stays {@code null}. */
    static JsonNode toTree(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return MAPPER.valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "params are not convertible to JSON: " + e.getMessage(), e);
        }
    }

    /** A private copy, so that later changes by the caller do not change what is re-sent. */
    static JsonNode copy(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.deepCopy();
    }
}
