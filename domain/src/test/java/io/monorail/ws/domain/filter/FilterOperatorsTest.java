package io.monorail.ws.domain.filter;

import static io.monorail.ws.domain.filter.TestFilters.assertMatch;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterOperatorsTest {

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            textBlock =
                    """
                    {a: 1}                | {a: 1}                  | true
                    {a: 1}                | {}                      | false
                    {a: 1}                | {a: [3, 1]}             | true
                    {a: [1, 2]}           | {a: [1, 2]}             | true
                    {a: [1, 2]}           | {a: [2, 1]}             | false
                    {a: [1, 2]}           | {a: [[1, 2], 3]}        | true
                    {a: 1}                | {a: [[1]]}              | false
                    {a: {b: 1, c: 2}}     | {a: {b: 1, c: 2}}       | true
                    {a: {b: 1, c: 2}}     | {a: {c: 2, b: 1}}       | false
                    {a: 1, b: 2}          | {a: 1, b: 3}            | false
                    {a: {$eq: {b: 1}}}    | {a: [{b: 1}]}           | true
                    """)
    void equality_matchesTheValueTheWholeArrayOrAnyElement(
            String filter, String document, boolean expected) throws Exception {
        assertMatch(filter, document, expected);
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            textBlock =
                    """
                    {a: 1}                             | {a: 1.0}                    | true
                    {a: 10000000000}                   | {a: 1e10}                   | true
                    {a: {b: [1, 2]}}                   | {a: {b: [1.0, 2.0]}}        | true
                    {a: {$lt: 9007199254740993}}       | {a: 9007199254740992.0}     | true
                    {a: {$gte: 9007199254740993}}      | {a: 9007199254740992.0}     | false
                    {a: {$lte: 0}}                     | {a: -0.0}                   | true
                    """)
    void numbers_compareByValueWhateverTheirJsonType(
            String filter, String document, boolean expected) throws Exception {
        assertMatch(filter, document, expected);
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            textBlock =
                    """
                    {a: null}               | {a: null}             | true
                    {a: null}               | {}                    | true
                    {a: null}               | {a: 0}                | false
                    {a: null}               | {a: [1, null]}        | true
                    {a: null}               | {a: [1]}              | false
                    {a: {$gte: null}}       | {}                    | true
                    {a: {$gt: null}}        | {a: null}             | false
                    {a: {$in: [null, 1]}}   | {}                    | true
                    {a: {$ne: null}}        | {}                    | false
                    {a: {$ne: null}}        | {a: false}            | true
                    """)
    void nullEquality_matchesNullAndMissingFields(String filter, String document, boolean expected)
            throws Exception {
        assertMatch(filter, document, expected);
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            textBlock =
                    """
                    {a: {$ne: 1}}           | {a: 2}                | true
                    {a: {$ne: 1}}           | {}                    | true
                    {a: {$ne: 1}}           | {a: [1, 2]}           | false
                    {a: {$ne: 1}}           | {a: [2, 3]}           | true
                    """)
    void ne_isTheNegationOfEq(String filter, String document, boolean expected) throws Exception {
        assertMatch(filter, document, expected);
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            textBlock =
                    """
                    {a: {$gt: 3}}             | {a: 4}              | true
                    {a: {$gt: 3}}             | {a: 3}              | false
                    {a: {$gte: 3}}            | {a: 3}              | true
                    {a: {$gt: 3}}             | {}                  | false
                    {a: {$gt: 'a'}}           | {a: 5}              | false
                    {a: {$lt: 'b'}}           | {a: 'abc'}          | true
                    {a: {$gt: 'b'}}           | {a: 'B'}            | false
                    {a: {$gt: false}}         | {a: true}           | true
                    {a: {$gt: '\uffff'}}      | {a: '😀'}           | true
                    {a: {$lt: 5}}             | {a: [10, 1]}        | true
                    {a: {$gt: 1, $lt: 5}}     | {a: [0, 10]}        | true
                    {a: {$gt: 1, $lt: 5}}     | {a: 7}              | false
                    """)
    void comparisons_matchOnlyWithinTheSameTypeBracket(
            String filter, String document, boolean expected) throws Exception {
        assertMatch(filter, document, expected);
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            textBlock =
                    """
                    {a: {$in: [1, 2]}}        | {a: 2}              | true
                    {a: {$in: [1, 2]}}        | {a: 3}              | false
                    {a: {$in: [1, 2]}}        | {a: [3, 2]}         | true
                    {a: {$in: ['1']}}         | {a: 1}              | false
                    {a: {$in: [[1, 2]]}}      | {a: [1, 2]}         | true
                    {a: {$in: []}}            | {a: 1}              | false
                    {a: {$nin: [1, 2]}}       | {}                  | true
                    {a: {$nin: [1, 2]}}       | {a: [3, 1]}         | false
                    {a: {$nin: []}}           | {a: 1}              | true
                    """)
    void inAndNin_testMembershipPerElement(String filter, String document, boolean expected)
            throws Exception {
        assertMatch(filter, document, expected);
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            textBlock =
                    """
                    {a: {$exists: true}}          | {a: null}               | true
                    {a: {$exists: true}}          | {b: 1}                  | false
                    {a: {$exists: false}}         | {b: 1}                  | true
                    {a: {$exists: false}}         | {a: []}                 | false
                    {a: {$exists: 1}}             | {a: 0}                  | true
                    {'a.b': {$exists: true}}      | {a: [{c: 1}, {b: 2}]}   | true
                    {'a.b': {$exists: false}}     | {a: [1, 2]}             | true
                    """)
    void exists_testsPresenceEvenOfNull(String filter, String document, boolean expected)
            throws Exception {
        assertMatch(filter, document, expected);
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            textBlock =
                    """
                    {a: {$regex: 'ab'}}                     | {a: 'xaby'}            | true
                    {a: {$regex: '^ab'}}                    | {a: 'xab'}             | false
                    {a: {$regex: 'AB', $options: 'i'}}      | {a: 'xab'}             | true
                    {a: {$regex: '^b', $options: 'm'}}      | {a: 'a\\nb'}           | true
                    {a: {$regex: 'a.b', $options: 's'}}     | {a: 'a\\nb'}           | true
                    {a: {$regex: 'a b # comment', $options: 'x'} } | {a: 'ab'}      | true
                    {a: {$regex: '1'}}                      | {a: 1}                 | false
                    {a: {$regex: '^y'}}                     | {a: ['x', 'yes']}      | true
                    {'a.b': {$regex: 'ok'}}                 | {a: [{b: 1}, {b: 'ok'}]} | true
                    """)
    void regex_findsInStringsAndStringElementsOfArrays(
            String filter, String document, boolean expected) throws Exception {
        assertMatch(filter, document, expected);
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            textBlock =
                    """
                    {a: {$not: {$gt: 3}}}               | {a: 2}          | true
                    {a: {$not: {$gt: 3}}}               | {}              | true
                    {a: {$not: {$gt: 3}}}               | {a: 'x'}        | true
                    {a: {$not: {$gt: 3}}}               | {a: [1, 5]}     | false
                    {a: {$not: {$gt: 1, $lt: 5}}}       | {a: 3}          | false
                    {a: {$not: {$regex: '^a'}}}         | {a: 'abc'}      | false
                    {a: {$not: {$regex: '^A', $options: 'i'}}} | {a: 'bcd'} | true
                    """)
    void not_negatesItsOperatorsAndMatchesMissingFields(
            String filter, String document, boolean expected) throws Exception {
        assertMatch(filter, document, expected);
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            textBlock =
                    """
                    {a: {$size: 2}}          | {a: [1, 2]}                          | true
                    {a: {$size: 2}}          | {a: [1]}                             | false
                    {a: {$size: 2}}          | {a: 'ab'}                            | false
                    {a: {$size: 0}}          | {}                                   | false
                    {a: {$size: 2}}          | {a: [[1, 2]]}                        | false
                    {'a.b': {$size: 1}}      | {a: [{b: [1, 2]}, {b: [3]}]}         | true
                    """)
    void size_matchesArraysOfExactlyThatLength(String filter, String document, boolean expected)
            throws Exception {
        assertMatch(filter, document, expected);
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            textBlock =
                    """
                    {a: {$all: [1, 2]}}        | {a: [2, 3, 1]}         | true
                    {a: {$all: [1, 2]}}        | {a: [1, 3]}            | false
                    {a: {$all: []}}            | {a: [1]}               | false
                    {a: {$all: [[1, 2]]}}      | {a: [[1, 2], 3]}       | true
                    {a: {$all: [{$elemMatch: {$gt: 5}}, {$elemMatch: {$lt: 0}}]}} | {a: [6, -1]} | true
                    {a: {$all: [{$elemMatch: {$gt: 5}}, {$elemMatch: {$lt: 0}}]}} | {a: [6, 1]}  | false
                    """)
    void all_needsEveryValueSomewhereInTheArray(String filter, String document, boolean expected)
            throws Exception {
        assertMatch(filter, document, expected);
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            textBlock =
                    """
                    {s: {$elemMatch: {$gt: 80, $lt: 90}}}     | {s: [75, 95]}       | false
                    {s: {$elemMatch: {$gt: 80, $lt: 90}}}     | {s: [75, 85]}       | true
                    {s: {$elemMatch: {$ne: 1}}}               | {s: [1, 1]}         | false
                    {s: {$elemMatch: {$elemMatch: {$gt: 1}}}} | {s: [[0], [2]]}     | true
                    {s: {$elemMatch: {$not: {$lt: 5}}}}       | {s: [1, 7]}         | true
                    """)
    void elemMatchWithOperators_needsOneElementPassingAllOfThem(
            String filter, String document, boolean expected) throws Exception {
        assertMatch(filter, document, expected);
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            textBlock =
                    """
                    {r: {$elemMatch: {p: 'x', s: {$gte: 8}}}}      | {r: [{p: 'x', s: 7}, {p: 'y', s: 9}]} | false
                    {r: {$elemMatch: {p: 'x', s: {$gte: 8}}}}      | {r: [{p: 'y', s: 1}, {p: 'x', s: 9}]} | true
                    {'r.p': 'x', 'r.s': {$gte: 8}}                 | {r: [{p: 'x', s: 7}, {p: 'y', s: 9}]} | true
                    {r: {$elemMatch: {$or: [{p: 'x'}, {s: 1}]}}}   | {r: [{s: 1}]}                         | true
                    {r: {$elemMatch: {'q.t': 1}}}                  | {r: [{q: [{t: 1}]}]}                  | true
                    {r: {$elemMatch: {p: 'x'}}}                    | {r: ['x']}                            | false
                    """)
    void elemMatchWithQuery_needsOneEmbeddedDocumentMatchingAllOfIt(
            String filter, String document, boolean expected) throws Exception {
        assertMatch(filter, document, expected);
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            textBlock =
                    """
                    {$and: [{a: 1}, {b: 2}]}                      | {a: 1, b: 2}   | true
                    {$or: [{a: 1}, {b: 2}]}                       | {b: 2}         | true
                    {$nor: [{a: 1}, {b: 2}]}                      | {a: 2}         | true
                    {$nor: [{a: 1}, {b: 2}]}                      | {b: 2}         | false
                    {$or: [{$and: [{a: 1}, {b: 1}]}, {c: 1}], d: 1} | {a: 1, b: 1, d: 1} | true
                    {$or: [{$and: [{a: 1}, {b: 1}]}, {c: 1}], d: 1} | {a: 1, b: 1}   | false
                    {$and: [{}]}                                  | {}             | true
                    """)
    void logicalOperators_combineQueries(String filter, String document, boolean expected)
            throws Exception {
        assertMatch(filter, document, expected);
    }
}
