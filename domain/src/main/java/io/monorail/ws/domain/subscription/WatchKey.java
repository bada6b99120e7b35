package io.monorail.ws.domain.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The identity of a watch: its resource and its params, with object keys in canonical order so that
 * {@code {"a":1,"b":2}} and {@code {"b":2,"a":1}} name the same watch.
 */
public record WatchKey(String type, String canonicalParams) {
    public WatchKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(canonicalParams, "canonicalParams");
    }

    /** The key of a watch of {@code type} with {@code params} (null and {@code {}} are equal). */
    public static WatchKey of(String type, JsonNode params) {
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
