package io.monorail.ws.domain.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A test of one value found at a path, MongoDB's "matches single element"; a missing field is
 * passed as a {@link com.fasterxml.jackson.databind.node.MissingNode}.
 */
sealed interface ValuePredicate {

    boolean test(JsonNode value);

    /** {@code $eq} and implicit equality; equality to null also accepts a missing field. */
    record EqualTo(JsonNode expected) implements ValuePredicate {
        @Override
        public boolean test(JsonNode value) {
            return matches(expected, value);
        }

        static boolean matches(JsonNode expected, JsonNode value) {
            if (expected.isNull()) {
                return value.isMissingNode() || value.isNull();
            }
            return !value.isMissingNode() && JsonValues.equal(value, expected);
        }
    }

    /** {@code $gt $gte $lt $lte}: only values in the bound's type bracket can match. */
    record Compare(Comparison comparison, JsonNode bound) implements ValuePredicate {
        @Override
        public boolean test(JsonNode value) {
            if (bound.isNull()) {
                // Missing sorts with null, so {$gte: null} behaves like {$eq: null}.
                return comparison.inclusive() && (value.isMissingNode() || value.isNull());
            }
            return JsonValues.order(value, bound).stream().anyMatch(comparison::accepts);
        }
    }

    /** The four orderings. */
    enum Comparison {
        GT,
        GTE,
        LT,
        LTE;

        boolean inclusive() {
            return this == GTE || this == LTE;
        }

        boolean accepts(int order) {
            return switch (this) {
                case GT -> order > 0;
                case GTE -> order >= 0;
                case LT -> order < 0;
                case LTE -> order <= 0;
            };
        }
    }

    /** {@code $in}: equal to any of the candidates. */
    record In(List<JsonNode> candidates) implements ValuePredicate {
        public In {
            candidates = List.copyOf(candidates);
        }

        @Override
        public boolean test(JsonNode value) {
            for (JsonNode candidate : candidates) {
                if (EqualTo.matches(candidate, value)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code $exists: true}. */
    record Exists() implements ValuePredicate {
        @Override
        public boolean test(JsonNode value) {
            return !value.isMissingNode();
        }
    }

    /** {@code $regex}: strings only. */
    record Matches(BoundedRegex regex) implements ValuePredicate {
        @Override
        public boolean test(JsonNode value) {
            return value.isTextual() && regex.find(value.textValue());
        }
    }

    /** {@code $size}: an array of exactly this length. */
    record SizeIs(int size) implements ValuePredicate {
        @Override
        public boolean test(JsonNode value) {
            return value.isArray() && value.size() == size;
        }
    }

    /** {@code $elemMatch} with operators: an array with an element passing them all. */
    record AnyElement(ValuePredicate element) implements ValuePredicate {
        @Override
        public boolean test(JsonNode value) {
            if (value.isArray()) {
                for (JsonNode e : value) {
                    if (element.test(e)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** {@code $elemMatch} with a query: an array with an embedded document matching it. */
    record AnyDocument(Condition query) implements ValuePredicate {
        @Override
        public boolean test(JsonNode value) {
            if (value.isArray()) {
                for (JsonNode e : value) {
                    if (e.isObject() && query.test(e)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** Negation of one predicate on the same value. */
    record Not(ValuePredicate inner) implements ValuePredicate {
        @Override
        public boolean test(JsonNode value) {
            return !inner.test(value);
        }
    }

    /** All predicates on the same value. */
    record AllOf(List<ValuePredicate> parts) implements ValuePredicate {
        public AllOf {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean test(JsonNode value) {
            for (ValuePredicate part : parts) {
                if (!part.test(value)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Matches nothing, as {@code $all: []} does. */
    record Never() implements ValuePredicate {
        @Override
        public boolean test(JsonNode value) {
            return false;
        }
    }
}
