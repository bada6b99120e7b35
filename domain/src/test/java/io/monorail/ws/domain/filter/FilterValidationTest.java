package io.monorail.ws.domain.filter;

import static io.monorail.ws.domain.filter.TestFilters.compile;
import static io.monorail.ws.domain.filter.TestFilters.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monorail.ws.domain.filter.FilterException.Kind;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilterValidationTest {

    private static final List<String> FORBIDDEN =
            List.of(
                    "$where",
                    "$function",
                    "$expr",
                    "$accumulator",
                    "$jsonSchema",
                    "$text",
                    "$near",
                    "$lookup",
                    "$mod",
                    "$type",
                    "$foo");

    /** Places where a client could try to smuggle an operator; OP stands for it. */
    private static final List<String> PLACES =
            List.of(
                    "{OP: 1}",
                    "{$and: [{a: 1}, {OP: 1}]}",
                    "{$or: [{$nor: [{a: {OP: 1}}]}]}",
                    "{a: {$gt: 1, OP: 1}}",
                    "{a: {$elemMatch: {OP: 1}}}",
                    "{a: {$elemMatch: {b: {OP: 1}}}}",
                    "{a: {$not: {OP: 1}}}",
                    "{a: {b: {OP: 1}}}",
                    "{a: {$eq: {b: [{OP: 1}]}}}",
                    "{a: {$in: [1, {OP: 1}]}}",
                    "{a: {$all: [{OP: 1}]}}");

    static Stream<Arguments> forbiddenOperatorsInEveryPlace() {
        // Every operator at the top level, and every place with a different operator.
        Stream<Arguments> topLevel = FORBIDDEN.stream().map(op -> Arguments.of(op, "{OP: 1}"));
        Stream<Arguments> places =
                IntStream.range(1, PLACES.size())
                        .mapToObj(
                                i ->
                                        Arguments.of(
                                                FORBIDDEN.get(i % FORBIDDEN.size()),
                                                PLACES.get(i)));
        return Stream.concat(topLevel, places);
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("forbiddenOperatorsInEveryPlace")
    void unsupportedOperator_isForbiddenAtAnyDepth(String operator, String place) {
        String filter = place.replace("OP", "'" + operator + "'");

        assertThatThrownBy(() -> compile(filter))
                .isInstanceOfSatisfying(
                        FilterException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.FORBIDDEN_OPERATOR))
                .hasMessageContaining(operator);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            textBlock =
                    """
                    {a: {$in: 1}}                          | '$in' on field 'a' needs an array
                    {a: {$all: 'x'}}                       | '$all' on field 'a' needs an array
                    {$and: {a: 1}}                         | '$and' needs a non-empty array of objects
                    {$or: []}                              | '$or' needs a non-empty array of objects
                    {$nor: [{a: 1}, 2]}                    | '$nor' needs a non-empty array of objects
                    {a: {$exists: 'yes'}}                  | '$exists' on field 'a' needs true or false
                    {a: {$exists: 2}}                      | '$exists' on field 'a' needs true or false
                    {a: {$size: -1}}                       | '$size' on field 'a' needs a non-negative integer
                    {a: {$size: 1.5}}                      | '$size' on field 'a' needs a non-negative integer
                    {a: {$regex: 5}}                       | '$regex' on field 'a' needs a string
                    {a: {$regex: '(a'}}                    | '$regex' on field 'a' is not a valid regular expression
                    {a: {$regex: 'a', $options: 'g'}}      | '$options' on field 'a' may only hold the letters i, m, s and x
                    {a: {$options: 'i'}}                   | '$options' on field 'a' needs a sibling '$regex'
                    {a: {$gt: 1, b: 2}}                    | the condition on field 'a' may only hold operators, but has the plain key 'b'
                    {a: {b: 2, $gt: 1}}                    | the condition on field 'a' may only hold operators
                    {a: {$gt: {b: 1}}}                     | '$gt' on field 'a' needs a number, string, boolean or null, not an object
                    {a: {$not: 5}}                         | '$not' on field 'a' needs an object of operators
                    {a: {$not: {}}}                        | '$not' on field 'a' needs an object of operators
                    {a: {$not: {b: 1}}}                    | '$not' on field 'a' may only hold operators
                    {a: {$elemMatch: 5}}                   | '$elemMatch' on field 'a' needs an object
                    {a: {$elemMatch: {$gt: 1, b: 1}}}      | '$elemMatch' on field 'a' may only hold operators
                    {a: {$elemMatch: {b: 1, $gt: 1}}}      | '$gt' must be applied to a field
                    {a: {$all: [{$elemMatch: {b: 1}}, 1]}} | '$all' on field 'a' must hold either only
                    {a: {$and: [{b: 1}]}}                  | '$and' combines whole queries and cannot be used inside field 'a'
                    {$gt: 1}                               | '$gt' must be applied to a field
                    {a: {b: {$gt: 1}}}                     | the value for field 'a' contains the operator '$gt'
                    {a: {$in: [{$exists: true}]}}          | the value for field 'a' contains the operator '$exists'
                    {'': 1}                                | a field name must not be empty
                    {'a..b': 1}                            | field 'a..b' has an empty path segment
                    {'.a': 1}                              | field '.a' has an empty path segment
                    {'a.': 1}                              | field 'a.' has an empty path segment
                    {'a.$b': 1}                            | field 'a.$b' has a path segment starting with '$'
                    {'a\\u0000b': 1}                       | field 'a\\u0000b' must not contain a NUL character
                    {a: {'x\\u0000': 1}}                   | the value for field 'a' has a key with a NUL character
                    {a: {$regex: 'x\\u0000'}}              | '$regex' on field 'a' must not contain a NUL character
                    """)
    void malformedFilter_isRejectedWithAPreciseMessage(String filter, String message) {
        assertThatThrownBy(() -> compile(filter))
                .isInstanceOfSatisfying(
                        FilterException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_PARAMS))
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{a: 1}]", "'a'", "1", "true"})
    void filterThatIsNotAnObject_isRejected(String filter) {
        assertThatThrownBy(() -> compile(filter))
                .isInstanceOfSatisfying(
                        FilterException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_PARAMS))
                .hasMessageStartingWith("the filter must be a JSON object");
    }

    @Test
    void regexLongerThanTheLimit_isRejected() throws Exception {
        FilterLimits limits = new FilterLimits(8, 1000, 1000);

        assertThat(Filter.compile(json("{a: {$regex: '12345678'}}"), limits).isEmpty()).isFalse();
        assertThatThrownBy(() -> Filter.compile(json("{a: {$regex: '123456789'}}"), limits))
                .isInstanceOf(FilterException.class)
                .hasMessage("'$regex' on field 'a' is longer than 8 characters");
    }

    @Test
    void filterWithMoreNodesThanTheLimit_isRejected() throws Exception {
        // The filter, the operator object, the array and three numbers: six values.
        JsonNode filter = json("{a: {$in: [1, 2, 3]}}");

        assertThat(Filter.compile(filter, new FilterLimits(256, 6, 1000)).isEmpty()).isFalse();
        assertThatThrownBy(() -> Filter.compile(filter, new FilterLimits(256, 5, 1000)))
                .isInstanceOfSatisfying(
                        FilterException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_PARAMS))
                .hasMessage("the filter is too large: more than 5 JSON values");
    }

    @Test
    void veryDeepFilter_isRejectedWithoutOverflowingTheStack() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode current = root;
        for (int i = 0; i < 100_000; i++) {
            current = current.putArray("$and").addObject();
        }
        FilterLimits unlimited = new FilterLimits(256, Integer.MAX_VALUE, 1000);

        assertThatThrownBy(() -> Filter.compile(root, unlimited))
                .isInstanceOf(FilterException.class)
                .hasMessage("the filter is nested more than 100 levels deep");
    }

    @Test
    void longClientSuppliedNames_areCutShortInMessages() {
        String operator = "$" + "x".repeat(10_000);

        assertThatThrownBy(() -> compile("{'" + operator + "': 1}"))
                .isInstanceOf(FilterException.class)
                .hasMessageContaining("'$xxx")
                .hasMessageEndingWith("...' is not allowed")
                .message()
                .hasSizeLessThan(120);
    }

    @Test
    void nullMissingOrEmptyFilter_matchesEverything() throws Exception {
        FilterLimits limits = FilterLimits.defaults();
        List<Filter> filters =
                List.of(
                        Filter.compile(null, limits),
                        Filter.compile(json("null"), limits),
                        Filter.compile(json("{}"), limits),
                        Filter.matchAll());

        for (Filter filter : filters) {
            assertThat(filter.isEmpty()).isTrue();
            assertThat(filter.json()).isEqualTo(json("{}"));
            assertThat(filter.matches(json("{a: 1}"))).isTrue();
        }
    }

    @Test
    void json_isADeepCopyIndependentOfTheInputAndOfEarlierCalls() throws Exception {
        ObjectNode input = (ObjectNode) json("{a: {$in: [1, 2]}}");
        Filter filter = Filter.compile(input, FilterLimits.defaults());

        input.put("a", 3);
        ((ObjectNode) filter.json().get("a")).putArray("$in").add(3);

        assertThat(filter.json()).isEqualTo(json("{a: {$in: [1, 2]}}"));
        assertThat(filter.matches(json("{a: 2}"))).isTrue();
        assertThat(filter.matches(json("{a: 3}"))).isFalse();
    }
}
