package io.monorail.ws.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the server considers one watch: the type and the params with object keys in canonical order
 * ({@code null} and {@code {}} are the same). The server keeps one stream per key, so the client
 * does too.
 */
record WatchKey(String type, String canonicalParams) {
    WatchKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(canonicalParams, "canonicalParams");
    }

    static WatchKey of(String type, JsonNode params) {
        JsonNode canonical =
                params == null || params.isNull() || params.isMissingNode()
                        ? JsonNodeFactory.instance.objectNode()
                        : canonical(params);
        return new WatchKey(type, canonical.toString());
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
            fields.sort(Map.Entry.comparingByKey());
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : fields) {
                sorted.set(field.getKey(), canonical(field.getValue()));
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(element -> copy.add(canonical(element)));
            return copy;
        }
        return node;
    }
}
