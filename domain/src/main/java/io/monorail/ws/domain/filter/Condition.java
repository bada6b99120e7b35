package io.monorail.ws.domain.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A compiled query over a whole document (or an embedded document inside $elemMatch). */
sealed interface Condition {

    boolean test(JsonNode document);

    static Condition allOf(List<Condition> parts) {
        return switch (parts.size()) {
            case 0 -> new Always();
            case 1 -> parts.get(0);
            default -> new And(parts);
        };
    }

    /** The empty query. */
    record Always() implements Condition {
        @Override
        public boolean test(JsonNode document) {
            return true;
        }
    }

    /** Some value reached by {@code path} passes {@code predicate}, MongoDB's array traversal. */
    record OnPath(FieldPath path, ValuePredicate predicate, boolean traverseLeafArrays)
            implements Condition {
        @Override
        public boolean test(JsonNode document) {
            return PathTraversal.anyMatch(path, document, traverseLeafArrays, predicate);
        }
    }

    /** {@code $and} and the implicit conjunction of an object's keys. */
    record And(List<Condition> parts) implements Condition {
        public And {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean test(JsonNode document) {
            for (Condition part : parts) {
                if (!part.test(document)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** {@code $or}. */
    record Or(List<Condition> parts) implements Condition {
        public Or {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean test(JsonNode document) {
            for (Condition part : parts) {
                if (part.test(document)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Negation over the whole document: {@code $nor}, {@code $ne}, {@code $nin}, {@code $not}. */
    record Not(Condition inner) implements Condition {
        @Override
        public boolean test(JsonNode document) {
            return !inner.test(document);
        }
    }
}
