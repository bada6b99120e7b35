package io.monorail.ws.domain.filter;

import static io.monorail.ws.domain.filter.FilterException.badParams;
import static io.monorail.ws.domain.filter.JsonTypeNames.typeOf;
import static io.monorail.ws.protocol.ClientText.quote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monorail.ws.domain.filter.ValuePredicate.Comparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;

/** Compiles what follows a field name: a value to equal, or an object of field operators. */
final class OperatorCompiler {
    private static final String OPTION_LETTERS = "imsx";

    private final FilterLimits limits;
    private final QueryCompiler queries;

    OperatorCompiler(FilterLimits limits, QueryCompiler queries) {
        this.limits = limits;
        this.queries = queries;
    }

    /** {@code value} as in {@code {field: value}}: an operator object or a value to equal. */
    FieldTest compileFieldValue(String field, JsonNode value) throws FilterException {
        if (value.isObject() && hasOperatorKey(value)) {
            return compileOperators(
                    field, (ObjectNode) value, "the condition on field " + quote(field));
        }
        return equalTo(field, value);
    }

    /** An object whose keys must all be field operators, all of which must hold. */
    FieldTest compileOperators(String field, ObjectNode operators, String context)
            throws FilterException {
        List<FieldTest> tests = new ArrayList<>(operators.size());
        for (Map.Entry<String, JsonNode> entry : operators.properties()) {
            String key = entry.getKey();
            if (!Operator.isOperatorKey(key)) {
                throw badParams(
                        context + " may only hold operators, but has the plain key " + quote(key));
            }
            Operator operator = Operator.require(key);
            if (operator == Operator.OPTIONS) {
                if (!operators.has(Operator.REGEX.toString())) {
                    throw badParams(on(operator, field) + " needs a sibling '$regex'");
                }
                continue; // read together with $regex
            }
            tests.add(compileOperator(field, operator, entry.getValue(), operators));
        }
        return FieldTest.allOf(tests);
    }

    private FieldTest compileOperator(
            String field, Operator operator, JsonNode value, ObjectNode siblings)
            throws FilterException {
        return switch (operator) {
            case EQ -> equalTo(field, value);
            case NE -> new FieldTest.Negate(equalTo(field, value));
            case GT -> compare(field, operator, Comparison.GT, value);
            case GTE -> compare(field, operator, Comparison.GTE, value);
            case LT -> compare(field, operator, Comparison.LT, value);
            case LTE -> compare(field, operator, Comparison.LTE, value);
            case IN -> in(field, operator, value);
            case NIN -> new FieldTest.Negate(in(field, operator, value));
            case EXISTS -> exists(field, value);
            case REGEX -> regex(field, value, siblings.get(Operator.OPTIONS.toString()));
            case SIZE -> new FieldTest.Leaf(new ValuePredicate.SizeIs(size(field, value)), false);
            case ALL -> all(field, value);
            case ELEM_MATCH -> new FieldTest.Leaf(elemMatch(field, value), false);
            case NOT -> new FieldTest.Negate(not(field, value));
            case AND, OR, NOR ->
                    throw badParams(
                            quote(operator.toString())
                                    + " combines whole queries and cannot be used inside field "
                                    + quote(field));
            case OPTIONS -> throw new IllegalStateException("$options is read with $regex");
        };
    }

    private static FieldTest equalTo(String field, JsonNode value) throws FilterException {
        return leaf(new ValuePredicate.EqualTo(LiteralValues.requirePlain(value, field)));
    }

    private static FieldTest compare(
            String field, Operator operator, Comparison comparison, JsonNode bound)
            throws FilterException {
        if (!(bound.isNumber() || bound.isTextual() || bound.isBoolean() || bound.isNull())) {
            throw badParams(
                    on(operator, field)
                            + " needs a number, string, boolean or null, not "
                            + typeOf(bound));
        }
        return leaf(new ValuePredicate.Compare(comparison, bound));
    }

    private static FieldTest in(String field, Operator operator, JsonNode values)
            throws FilterException {
        if (!values.isArray()) {
            throw badParams(on(operator, field) + " needs an array, not " + typeOf(values));
        }
        List<JsonNode> candidates = new ArrayList<>(values.size());
        for (JsonNode value : values) {
            candidates.add(LiteralValues.requirePlain(value, field));
        }
        return leaf(new ValuePredicate.In(candidates));
    }

    private static FieldTest exists(String field, JsonNode flag) throws FilterException {
        boolean exists;
        if (flag.isBoolean()) {
            exists = flag.booleanValue();
        } else if (isZeroOrOne(flag)) {
            exists = flag.intValue() == 1;
        } else {
            throw badParams(on(Operator.EXISTS, field) + " needs true or false");
        }
        FieldTest present = leaf(new ValuePredicate.Exists());
        return exists ? present : new FieldTest.Negate(present);
    }

    private static boolean isZeroOrOne(JsonNode value) {
        return value.isNumber()
                && value.canConvertToExactIntegral()
                && value.canConvertToInt()
                && (value.intValue() == 0 || value.intValue() == 1);
    }

    private FieldTest regex(String field, JsonNode regex, JsonNode options) throws FilterException {
        if (!regex.isTextual()) {
            throw badParams(on(Operator.REGEX, field) + " needs a string, not " + typeOf(regex));
        }
        String pattern = regex.textValue();
        if (pattern.length() > limits.maxRegexLength()) {
            throw badParams(
                    on(Operator.REGEX, field)
                            + " is longer than "
                            + limits.maxRegexLength()
                            + " characters");
        }
        if (pattern.indexOf('\0') >= 0) {
            throw badParams(on(Operator.REGEX, field) + " must not contain a NUL character");
        }
        String letters = options(field, options);
        try {
            return leaf(
                    new ValuePredicate.Matches(
                            BoundedRegex.compile(pattern, letters, limits.regexStepBudget())));
        } catch (PatternSyntaxException e) {
            throw badParams(
                    on(Operator.REGEX, field)
                            + " is not a valid regular expression: "
                            + e.getDescription());
        }
    }

    private static String options(String field, JsonNode options) throws FilterException {
        if (options == null) {
            return "";
        }
        if (options.isTextual()) {
            String letters = options.textValue();
            if (letters.chars().allMatch(c -> OPTION_LETTERS.indexOf(c) >= 0)) {
                return letters;
            }
        }
        throw badParams(on(Operator.OPTIONS, field) + " may only hold the letters i, m, s and x");
    }

    private static int size(String field, JsonNode size) throws FilterException {
        if (size.isNumber()
                && size.canConvertToExactIntegral()
                && size.canConvertToInt()
                && size.intValue() >= 0) {
            return size.intValue();
        }
        throw badParams(on(Operator.SIZE, field) + " needs a non-negative integer");
    }

    private FieldTest all(String field, JsonNode values) throws FilterException {
        if (!values.isArray()) {
            throw badParams(on(Operator.ALL, field) + " needs an array, not " + typeOf(values));
        }
        if (values.isEmpty()) {
            return leaf(new ValuePredicate.Never());
        }
        boolean ofElemMatches = isElemMatchObject(values.get(0));
        List<FieldTest> parts = new ArrayList<>(values.size());
        for (JsonNode value : values) {
            if (isElemMatchObject(value) != ofElemMatches) {
                throw badParams(
                        on(Operator.ALL, field)
                                + " must hold either only {\"$elemMatch\": ...} objects or only"
                                + " values");
            }
            parts.add(
                    ofElemMatches
                            ? new FieldTest.Leaf(
                                    elemMatch(field, value.get(Operator.ELEM_MATCH.toString())),
                                    false)
                            : equalTo(field, value));
        }
        return FieldTest.allOf(parts);
    }

    private static boolean isElemMatchObject(JsonNode value) {
        return value.isObject() && value.size() == 1 && value.has(Operator.ELEM_MATCH.toString());
    }

    private ValuePredicate elemMatch(String field, JsonNode query) throws FilterException {
        if (!query.isObject()) {
            throw badParams(
                    on(Operator.ELEM_MATCH, field) + " needs an object, not " + typeOf(query));
        }
        ObjectNode object = (ObjectNode) query;
        if (isOperatorForm(object)) {
            return new ValuePredicate.AnyElement(
                    compileOperators(field, object, on(Operator.ELEM_MATCH, field)).onValue());
        }
        // The query form: keys are paths inside each element, compiled like a top-level filter.
        return new ValuePredicate.AnyDocument(queries.compile(object));
    }

    /** MongoDB's rule: operators on the element itself when the first key is a field operator. */
    private static boolean isOperatorForm(ObjectNode query) {
        if (query.isEmpty()) {
            return false;
        }
        String first = query.properties().iterator().next().getKey();
        return Operator.isOperatorKey(first)
                && Operator.byName(first).map(operator -> !operator.isLogical()).orElse(true);
    }

    private FieldTest not(String field, JsonNode operators) throws FilterException {
        if (!operators.isObject() || operators.isEmpty()) {
            throw badParams(
                    on(Operator.NOT, field)
                            + " needs an object of operators, as in {\"$not\": {\"$gt\": 1}}");
        }
        return compileOperators(field, (ObjectNode) operators, on(Operator.NOT, field));
    }

    private static boolean hasOperatorKey(JsonNode object) {
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (Operator.isOperatorKey(entry.getKey())) {
                return true;
            }
        }
        return false;
    }

    private static FieldTest leaf(ValuePredicate predicate) {
        return new FieldTest.Leaf(predicate, true);
    }

    private static String on(Operator operator, String field) {
        return quote(operator.toString()) + " on field " + quote(field);
    }
}
