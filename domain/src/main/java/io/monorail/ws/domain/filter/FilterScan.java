package io.monorail.ws.domain.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * One bounded pass over a whole filter tree before anything interprets it: caps its size and depth
 * and refuses every unknown {@code $} key, wherever it sits.
 */
final class FilterScan {
    /** Nesting limit of a filter, MongoDB's own limit for BSON documents. */
    static final int MAX_DEPTH = 100;

    private FilterScan() {}

    private record Pending(JsonNode node, int depth) {}

    static void check(JsonNode root, int maxNodes) throws FilterException {
        // Iterative on purpose: the tree comes from a client and may be deeper than our stack.
        Deque<Pending> pending = new ArrayDeque<>();
        pending.push(new Pending(root, 1));
        int nodes = 1;
        while (!pending.isEmpty()) {
            Pending next = pending.pop();
            if (next.depth() > MAX_DEPTH) {
                throw FilterException.badParams(
                        "the filter is nested more than " + MAX_DEPTH + " levels deep");
            }
            if (next.node().isObject()) {
                for (Map.Entry<String, JsonNode> field : next.node().properties()) {
                    String key = field.getKey();
                    if (Operator.isOperatorKey(key) && Operator.byName(key).isEmpty()) {
                        throw FilterException.forbidden(key);
                    }
                    nodes = count(nodes, maxNodes);
                    pending.push(new Pending(field.getValue(), next.depth() + 1));
                }
            } else if (next.node().isArray()) {
                for (JsonNode element : next.node()) {
                    nodes = count(nodes, maxNodes);
                    pending.push(new Pending(element, next.depth() + 1));
                }
            }
        }
    }

    private static int count(int nodes, int maxNodes) throws FilterException {
        if (nodes >= maxNodes) {
            throw FilterException.badParams(
                    "the filter is too large: more than " + maxNodes + " JSON values");
        }
        return nodes + 1;
    }
}
