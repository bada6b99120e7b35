package io.monorail.ws.domain.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * What the operators after one field name mean, before knowing whether they apply along a path in a
 * document or to a single array element inside {@code $elemMatch}.
 */
sealed interface FieldTest {

    /** The test along {@code path}, each positive operator satisfied by any value on the path. */
    Condition at(FieldPath path);

    /** The test of one value, as inside {@code $elemMatch: {$gt: 1, ...}}. */
    ValuePredicate onValue();

    static FieldTest allOf(List<FieldTest> parts) {
        return parts.size() == 1 ? parts.get(0) : new AllOf(parts);
    }

    /**
     * One operator. {@code traverseLeafArrays} is false for the array operators ({@code $size},
     * {@code $elemMatch}) that look at an array as a whole rather than at its elements.
     */
    record Leaf(ValuePredicate predicate, boolean traverseLeafArrays) implements FieldTest {
        @Override
        public Condition at(FieldPath path) {
            return new Condition.OnPath(path, predicate, traverseLeafArrays);
        }

        @Override
        public ValuePredicate onValue() {
            return predicate;
        }
    }

    /**
     * {@code $ne}, {@code $nin}, {@code $not}, {@code $exists: false}: negates the whole inner
     * test, so {@code {a: {$ne: 1}}} rejects {@code [1, 2]} and accepts a missing field.
     */
    record Negate(FieldTest inner) implements FieldTest {
        @Override
        public Condition at(FieldPath path) {
            return new Condition.Not(inner.at(path));
        }

        @Override
        public ValuePredicate onValue() {
            return new ValuePredicate.Not(inner.onValue());
        }
    }

    /** Several operators on the same field, each satisfied on its own. */
    record AllOf(List<FieldTest> parts) implements FieldTest {
        public AllOf {
            parts = List.copyOf(parts);
        }

        @Override
        public Condition at(FieldPath path) {
            List<Condition> conditions = new ArrayList<>(parts.size());
            for (FieldTest part : parts) {
                conditions.add(part.at(path));
            }
            return Condition.allOf(conditions);
        }

        @Override
        public ValuePredicate onValue() {
            List<ValuePredicate> predicates = new ArrayList<>(parts.size());
            for (FieldTest part : parts) {
                predicates.add(part.onValue());
            }
            return new ValuePredicate.AllOf(predicates);
        }
    }
}
