package io.monorail.ws.domain.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites the field names of query objects (the filter and, recursively, the clauses of its {@code
 * $and/$or/$nor}) through {@link FieldAliases}, producing a deep copy. A name with several paths
 * becomes an {@code $or} over them. Keys inside {@code $elemMatch} are relative to array elements
 * and stay as they are.
 */
final class AliasRewriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final FieldAliases aliases;

    AliasRewriter(FieldAliases aliases) {
        this.aliases = aliases;
    }

    ObjectNode rewrite(ObjectNode query) throws FilterException {
        List<Map.Entry<String, JsonNode>> clauses = new ArrayList<>(query.size());
        for (Map.Entry<String, JsonNode> entry : query.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (!Operator.isOperatorKey(key)) {
                clauses.add(resolve(key, value));
            } else if (isLogical(key) && value.isArray()) {
                clauses.add(Map.entry(key, rewriteClauses((ArrayNode) value)));
            } else {
                // Anything else is left for the compiler to accept or refuse.
                clauses.add(Map.entry(key, value.deepCopy()));
            }
        }
        return assemble(clauses);
    }

    private ArrayNode rewriteClauses(ArrayNode clauses) throws FilterException {
        ArrayNode rewritten = NODES.arrayNode(clauses.size());
        for (JsonNode clause : clauses) {
            rewritten.add(clause.isObject() ? rewrite((ObjectNode) clause) : clause.deepCopy());
        }
        return rewritten;
    }

    private Map.Entry<String, JsonNode> resolve(String key, JsonNode condition)
            throws FilterException {
        // Validate first: an alias must not turn a malformed name into a well-formed one.
        FieldPath path = FieldPath.parse(key);
        String head = path.segment(0).name();
        String tail = key.substring(head.length());
        List<String> targets = aliases.resolve(head);
        if (targets == null || targets.isEmpty()) {
            throw new IllegalStateException("FieldAliases resolved a field to no path at all");
        }
        if (targets.size() == 1) {
            return Map.entry(targets.get(0) + tail, condition.deepCopy());
        }
        ArrayNode alternatives = NODES.arrayNode(targets.size());
        for (String target : targets) {
            alternatives.addObject().set(target + tail, condition.deepCopy());
        }
        return Map.entry(Operator.OR.toString(), alternatives);
    }

    /**
     * One object when the rewritten keys are distinct; otherwise (two {@code $or}, or two names
     * aliased to the same path) an {@code $and} of one-key objects, which means the same.
     */
    private static ObjectNode assemble(List<Map.Entry<String, JsonNode>> clauses) {
        Set<String> keys = new HashSet<>();
        boolean distinct = clauses.stream().allMatch(clause -> keys.add(clause.getKey()));
        if (distinct) {
            ObjectNode query = NODES.objectNode();
            clauses.forEach(clause -> query.set(clause.getKey(), clause.getValue()));
            return query;
        }
        ObjectNode query = NODES.objectNode();
        ArrayNode and = query.putArray(Operator.AND.toString());
        clauses.forEach(clause -> and.addObject().set(clause.getKey(), clause.getValue()));
        return query;
    }

    private static boolean isLogical(String key) {
        return Operator.byName(key).map(Operator::isLogical).orElse(false);
    }
}
