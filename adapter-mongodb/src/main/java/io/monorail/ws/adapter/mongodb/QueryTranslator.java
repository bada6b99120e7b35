package io.monorail.ws.adapter.mongodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monorail.ws.domain.port.out.FindOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.ObjectId;

/**
 * Turns a validated filter, sort and field list into MongoDB's query, sort and projection
 * documents, so that {@code id} means {@code _id} and a 24-hex string matches whether it was stored
 * as an ObjectId or as a string, in {@code _id} and in references such as a catalog's {@code node}
 * (RackHD stores those as ObjectIds and publishes them as hex strings).
 *
 * <p>Only the top-level field {@code id} (also inside {@code $and/$or/$nor}) is renamed; {@code id}
 * inside {@code $elemMatch} or a dotted path names a field of a sub-document. Equality-like
 * operators on 24-hex strings are widened to both forms; every other value passes through
 * unchanged, so the query uses no operator the filter did not already use, plus {@code $in}/{@code
 * $nin}/{@code $and}/{@code $nor}, which are in the allowed subset too.
 */
final class QueryTranslator {
    private static final String ID = "id";
    private static final String MONGO_ID = "_id";
    private static final String AND = "$and";

    private QueryTranslator() {}

    /** The MongoDB query for a filter's JSON ({@code Filter.json()}). */
    static BsonDocument query(ObjectNode filter) {
        BsonDocument query = new BsonDocument();
        for (Map.Entry<String, JsonNode> entry : filter.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            switch (key) {
                case "$and", "$or", "$nor" -> add(query, key, clauses(value));
                default ->
                        fieldClauses(mongoField(key), value)
                                .forEach(clause -> addAll(query, clause));
            }
        }
        return query;
    }

    /** Sort keys in priority order, then {@code _id} so that paging with skip is stable. */
    static BsonDocument sort(List<FindOptions.SortField> fields) {
        BsonDocument sort = new BsonDocument();
        for (FindOptions.SortField field : fields) {
            // The first mention of a field decides its direction, as it decides its priority.
            sort.putIfAbsent(mongoField(field.field()), new BsonInt32(field.ascending() ? 1 : -1));
        }
        if (!sort.isEmpty()) {
            sort.putIfAbsent(MONGO_ID, new BsonInt32(1));
        }
        return sort;
    }

    /**
     * The inclusion projection for {@code fields}, or {@code null} for whole documents. A path
     * under another listed path is dropped: MongoDB 4.4+ rejects such pairs as a path collision.
     */
    static BsonDocument projection(List<String> fields) {
        if (fields.isEmpty()) {
            return null;
        }
        TreeSet<String> sorted = new TreeSet<>();
        fields.forEach(field -> sorted.add(mongoField(field)));
        BsonDocument projection = new BsonDocument();
        for (String field : sorted) {
            // Sorted order puts a parent before its children, so it is already in when they come.
            if (projection.keySet().stream().noneMatch(parent -> field.startsWith(parent + "."))) {
                projection.append(field, new BsonInt32(1));
            }
        }
        return projection;
    }

    private static String mongoField(String field) {
        return field.equals(ID) ? MONGO_ID : field;
    }

    private static BsonArray clauses(JsonNode clauses) {
        BsonArray translated = new BsonArray();
        for (JsonNode clause : clauses) {
            translated.add(
                    clause.isObject() ? query((ObjectNode) clause) : JsonToBson.value(clause));
        }
        return translated;
    }

    /** Query clauses, all of which must hold, equivalent to {@code {field: value}}. */
    private static List<BsonDocument> fieldClauses(String field, JsonNode value) {
        if (!isOperatorObject(value)) {
            return List.of(new BsonDocument(field, equalTo(value)));
        }
        return operators(field, (ObjectNode) value).clauses();
    }

    /**
     * The operators of {@code {field: {...}}} with 24-hex operands widened. {@code $eq} becomes
     * {@code $in} and {@code $ne} becomes {@code $nin}, so one object may end up with two {@code
     * $in} (say {@code $eq} next to {@code $in}); the second then goes to a separate clause instead
     * of silently replacing the first.
     */
    private static FieldConditions operators(String field, ObjectNode operators) {
        BsonDocument merged = new BsonDocument();
        List<BsonDocument> separate = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : operators.properties()) {
            String operator = entry.getKey();
            JsonNode operand = entry.getValue();
            BsonDocument translated =
                    switch (operator) {
                        case "$eq" ->
                                isHexId(operand)
                                        ? new BsonDocument("$in", bothForms(operand.textValue()))
                                        : new BsonDocument(operator, JsonToBson.value(operand));
                        case "$ne" ->
                                isHexId(operand)
                                        ? new BsonDocument("$nin", bothForms(operand.textValue()))
                                        : new BsonDocument(operator, JsonToBson.value(operand));
                        case "$in", "$nin" -> new BsonDocument(operator, expanded(operand));
                        case "$not" -> not(field, operand, separate);
                        default -> new BsonDocument(operator, JsonToBson.value(operand));
                    };
            if (translated == null) {
                continue;
            }
            for (Map.Entry<String, BsonValue> part : translated.entrySet()) {
                if (merged.containsKey(part.getKey())) {
                    separate.add(
                            new BsonDocument(
                                    field, new BsonDocument(part.getKey(), part.getValue())));
                } else {
                    merged.append(part.getKey(), part.getValue());
                }
            }
        }
        return new FieldConditions(field, merged, separate);
    }

    /**
     * {@code $not} around the rewritten operators; when those needed separate clauses, the negation
     * of their conjunction becomes a {@code $nor} clause (the same thing: a document matches {@code
     * $not} exactly when it fails the conjunction, missing fields and arrays included) and {@code
     * null} is returned.
     */
    private static BsonDocument not(String field, JsonNode operand, List<BsonDocument> separate) {
        if (!isOperatorObject(operand)) {
            return new BsonDocument("$not", JsonToBson.value(operand));
        }
        FieldConditions inner = operators(field, (ObjectNode) operand);
        if (inner.separate().isEmpty()) {
            return new BsonDocument("$not", inner.merged());
        }
        BsonArray conjunction = new BsonArray(new ArrayList<>(inner.clauses()));
        separate.add(
                new BsonDocument(
                        "$nor", new BsonArray(List.of(new BsonDocument(AND, conjunction)))));
        return null;
    }

    private record FieldConditions(String field, BsonDocument merged, List<BsonDocument> separate) {
        List<BsonDocument> clauses() {
            List<BsonDocument> clauses = new ArrayList<>();
            if (!merged.isEmpty()) {
                clauses.add(new BsonDocument(field, merged));
            }
            clauses.addAll(separate);
            return clauses;
        }
    }

    private static BsonValue equalTo(JsonNode value) {
        if (isHexId(value)) {
            return new BsonDocument("$in", bothForms(value.textValue()));
        }
        return JsonToBson.value(value);
    }

    private static BsonValue expanded(JsonNode values) {
        if (!values.isArray()) {
            return JsonToBson.value(values); // the domain rejects this; MongoDB would too
        }
        BsonArray expanded = new BsonArray();
        for (JsonNode value : values) {
            if (isHexId(value)) {
                expanded.addAll(bothForms(value.textValue()));
            } else {
                expanded.add(JsonToBson.value(value));
            }
        }
        return expanded;
    }

    private static BsonArray bothForms(String hex) {
        return new BsonArray(List.of(new BsonObjectId(new ObjectId(hex)), new BsonString(hex)));
    }

    private static boolean isHexId(JsonNode value) {
        return value.isTextual() && ObjectId.isValid(value.textValue());
    }

    /** MongoDB reads an object whose first key starts with {@code $} as operators. */
    private static boolean isOperatorObject(JsonNode value) {
        return value.isObject()
                && !value.isEmpty()
                && value.properties().iterator().next().getKey().startsWith("$");
    }

    /**
     * Adds a condition to a query without replacing one already there: a second {@code $and} is
     * merged into the first, any other repeated key (an {@code id} next to an {@code _id}) moves
     * into {@code $and}.
     */
    private static void add(BsonDocument query, String key, BsonValue condition) {
        if (!query.containsKey(key)) {
            query.append(key, condition);
        } else if (key.equals(AND)) {
            query.getArray(AND).addAll(condition.asArray());
        } else {
            add(query, AND, new BsonArray(List.of(new BsonDocument(key, condition))));
        }
    }

    private static void addAll(BsonDocument query, BsonDocument clause) {
        clause.forEach((key, condition) -> add(query, key, condition));
    }
}
