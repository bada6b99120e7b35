package io.monorail.ws.domain.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A client filter in the safe subset of MongoDB's query language, validated once and then evaluated
 * against JSON documents with MongoDB's semantics. Immutable and thread-safe.
 */
public final class Filter {
    private final ObjectNode json;
    private final Condition condition;

    private Filter(ObjectNode json, Condition condition) {
        this.json = json;
        this.condition = condition;
    }

    /** Validates and compiles a filter object (null or empty object = match everything). */
    public static Filter compile(JsonNode filter, FilterLimits limits) throws FilterException {
        return compile(filter, limits, FieldAliases.none());
    }

    /** Same, first rewriting field names through aliases (see {@link FieldAliases}). */
    public static Filter compile(JsonNode filter, FilterLimits limits, FieldAliases aliases)
            throws FilterException {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(aliases, "aliases");
        if (filter == null || filter.isNull() || filter.isMissingNode()) {
            return matchAll();
        }
        if (!filter.isObject()) {
            throw FilterException.badParams(
                    "the filter must be a JSON object, not " + JsonTypeNames.typeOf(filter));
        }
        // Scan before rewriting so aliases never see an oversized or forbidden tree, and again
        // after, because a name with several paths multiplies its condition.
        FilterScan.check(filter, limits.maxNodes());
        ObjectNode rewritten = new AliasRewriter(aliases).rewrite((ObjectNode) filter);
        FilterScan.check(rewritten, limits.maxNodes());
        return new Filter(rewritten, new QueryCompiler(limits).compile(rewritten));
    }

    /** The filter that matches every document. */
    public static Filter matchAll() {
        return new Filter(JsonNodeFactory.instance.objectNode(), new Condition.Always());
    }

    /**
     * True when {@code document} matches. Never throws; a {@code null} or non-object document is
     * treated as an empty one, and a regex that exceeds its step budget simply does not match.
     */
    public boolean matches(JsonNode document) {
        return condition.test(document == null ? MissingNode.getInstance() : document);
    }

    /** The validated (and alias-rewritten) filter, a deep copy safe to hand to MongoDB. */
    public ObjectNode json() {
        return json.deepCopy();
    }

    /** True when the filter has no conditions and so matches everything. */
    public boolean isEmpty() {
        return json.isEmpty();
    }

    @Override
    public String toString() {
        return "Filter" + json;
    }
}
