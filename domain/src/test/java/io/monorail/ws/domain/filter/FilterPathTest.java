package io.monorail.ws.domain.filter;

import static io.monorail.ws.domain.filter.TestFilters.assertMatch;
import static io.monorail.ws.domain.filter.TestFilters.compile;
import static io.monorail.ws.domain.filter.TestFilters.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterPathTest {

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            textBlock =
                    """
                    {'a.b.c': 1}           | {a: {b: {c: 1}}}                 | true
                    {'a.b': 1}             | {a: [{b: 2}, {b: 1}]}            | true
                    {'a.b': 1}             | {a: [{b: 2}, {c: 1}]}            | false
                    {'a.b.c': 1}           | {a: [{b: [{c: 0}, {c: 1}]}]}     | true
                    {'a.b': 1}             | {a: [[{b: 1}]]}                  | false
                    {'a.b': 1}             | {a: 5}                           | false
                    {'a.b': null}          | {a: 5}                           | true
                    {'a.b': null}          | {a: [{b: 1}, {c: 1}]}            | true
                    {'a.b': null}          | {a: [1, 2]}                      | false
                    """)
    void dottedPath_descendsIntoDocumentsAndEveryDocumentOfAnArray(
            String filter, String document, boolean expected) throws Exception {
        assertMatch(filter, document, expected);
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            textBlock =
                    """
                    {'tags.0': 'x'}        | {tags: ['x', 'y']}               | true
                    {'tags.1': 'x'}        | {tags: ['x', 'y']}               | false
                    {'tags.01': 'y'}       | {tags: ['x', 'y']}               | false
                    {'a.1.b': 2}           | {a: [{b: 1}, {b: 2}]}            | true
                    {'a.0.b': 2}           | {a: [{b: 1}, {b: 2}]}            | false
                    {'a.0': 1}             | {a: {'0': 1}}                    | true
                    {'a.0': 5}             | {a: [{'0': 5}]}                  | true
                    {'a.0.0': 1}           | {a: [[1, 2]]}                    | true
                    {'a.0': 1}             | {a: [[1, 2]]}                    | false
                    {'a.0': {$size: 2}}    | {a: [[1, 2]]}                    | true
                    """)
    void numericSegment_indexesArraysAndStillNamesObjectFields(
            String filter, String document, boolean expected) throws Exception {
        assertMatch(filter, document, expected);
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            textBlock =
                    """
                    {'__proto__.x': 1}                 | {'__proto__': {x: 1}}      | true
                    {constructor: 'a'}                 | {constructor: 'a'}         | true
                    {'prototype.constructor': null}    | {}                         | true
                    {a: {constructor: 1}}              | {a: {constructor: 1}}      | true
                    """)
    void prototypeLikeNames_areOrdinaryFields(String filter, String document, boolean expected)
            throws Exception {
        assertMatch(filter, document, expected);
    }

    @Test
    void bigNumberTypes_compareByValueWithPlainNumbers() throws Exception {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("a", new BigDecimal("2.50"));
        document.put("b", new BigInteger("123456789012345678901234567890"));

        assertThat(compile("{a: 2.5, b: {$gt: 1e29, $lt: 1e30}}").matches(document)).isTrue();
        assertThat(compile("{a: {$gt: 2.5}}").matches(document)).isFalse();
    }

    @Test
    void nullOrNonObjectDocument_isTreatedAsEmpty() throws Exception {
        Filter missing = compile("{a: {$exists: false}}");
        Filter present = compile("{a: 1}");

        assertThat(missing.matches(null)).isTrue();
        assertThat(missing.matches(json("[1, 2]"))).isTrue();
        assertThat(present.matches(null)).isFalse();
        assertThat(present.matches(json("'a'"))).isFalse();
    }
}
