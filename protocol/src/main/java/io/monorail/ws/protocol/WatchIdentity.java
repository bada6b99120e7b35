package io.monorail.ws.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What makes two watches the same watch, for server and clients alike: the same type and the same
 * params, compared with object keys in canonical order ({@code null} and {@code {}} are equal), so
 * that a {@code stop} names a watch however its params were spelled.
 */
public final class WatchIdentity {
    private WatchIdentity() {}

    /** The params in canonical form, as compact JSON text. */
    public static String canonicalParams(JsonNode params) {
        JsonNode canonical =
                params == null || params.isNull() || params.isMissingNode()
                        ? JsonNodeFactory.instance.objectNode()
                        : canonical(params);
        return canonical.toString();
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
