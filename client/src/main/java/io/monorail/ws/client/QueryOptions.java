package io.monorail.ws.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;

/**
 * The optional parts of a {@code query}: {@code limit}, {@code skip}, {@code sort}, {@code fields}.
 * Immutable.
 */
public final class QueryOptions {
    private static final QueryOptions NONE = new QueryOptions(null, null, null, null);

    private final Integer limit;
    private final Integer skip;
    private final JsonNode sort;
    private final JsonNode fields;

    private QueryOptions(Integer limit, Integer skip, JsonNode sort, JsonNode fields) {
        this.limit = limit;
        this.skip = skip;
        this.sort = sort;
        this.fields = fields;
    }

    /** No options: the server's defaults. */
    public static QueryOptions none() {
        return NONE;
    }

    /** At most {@code limit} documents. */
    public QueryOptions limit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        return new QueryOptions(limit, skip, sort, fields);
    }

    /** Skip the first {@code skip} documents. */
    public QueryOptions skip(int skip) {
        if (skip < 0) {
            throw new IllegalArgumentException("skip must not be negative, was " + skip);
        }
        return new QueryOptions(limit, skip, sort, fields);
    }

    /**
     * Sort order, MongoDB style: {@code {"name": 1, "createdAt": -1}} ({@code "asc"}/{@code "desc"}
     * too).
     */
    public QueryOptions sort(JsonNode sort) {
        return new QueryOptions(
                limit, skip, Json.copy(Objects.requireNonNull(sort, "sort")), fields);
    }

    /**
     * Sort order from a map, e.g. {@code Map.of("name", 1)} (use a {@code LinkedHashMap} for
     * several keys).
     */
    public QueryOptions sort(Map<String, ?> sort) {
        return sort(Json.toTree(Objects.requireNonNull(sort, "sort")));
    }

    /** The fields to return, e.g. {@code fields("id", "name")}; the others are left out. */
    public QueryOptions fields(String... names) {
        Objects.requireNonNull(names, "names");
        ArrayNode array = JsonNodeFactory.instance.arrayNode(names.length);
        for (String name : names) {
            array.add(Objects.requireNonNull(name, "field name"));
        }
        return fields(array);
    }

    /**
     * The fields to return, as the server reads them: {@code ["id","name"]} or {@code {"id": 1}}.
     */
    public QueryOptions fields(JsonNode fields) {
        return new QueryOptions(
                limit, skip, sort, Json.copy(Objects.requireNonNull(fields, "fields")));
    }

    /** The fields to return, from a map of name to {@code 1} or {@code true}. */
    public QueryOptions fields(Map<String, ?> fields) {
        return fields(Json.toTree(Objects.requireNonNull(fields, "fields")));
    }

    /** Adds the options that are set to a {@code query} frame. */
    void applyTo(ObjectNode frame) {
        if (limit != null) {
            frame.put("limit", limit);
        }
        if (skip != null) {
            frame.put("skip", skip);
        }
        if (sort != null) {
            frame.set("sort", sort.deepCopy());
        }
        if (fields != null) {
            frame.set("fields", fields.deepCopy());
        }
    }

    @Override
    public String toString() {
        return "QueryOptions[limit="
                + limit
                + ", skip="
                + skip
                + ", sort="
                + sort
                + ", fields="
                + fields
                + "]";
    }
}
