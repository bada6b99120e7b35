package io.monorail.ws.domain.filter;

import static io.monorail.ws.domain.filter.TestFilters.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterAliasesTest {

    private static final Map<String, List<String>> TABLE =
            Map.of(
                    "id", List.of("_id"),
                    "graphId", List.of("body.graphId", "body.typeId"),
                    "level", List.of("body.level"),
                    "severity", List.of("body.level"));

    private static final FieldAliases ALIASES = field -> TABLE.getOrDefault(field, List.of(field));

    private static Filter compile(String filter) throws FilterException {
        return Filter.compile(json(filter), FilterLimits.defaults(), ALIASES);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            textBlock =
                    """
                    {id: 'x'}                        | {_id: 'x'}
                    {'id.y': 1, z: 2}                | {'_id.y': 1, z: 2}
                    {graphId: 'g'}                   | {$or: [{'body.graphId': 'g'}, {'body.typeId': 'g'}]}
                    {'graphId.x': {$gt: 1}}          | {$or: [{'body.graphId.x': {$gt: 1}}, {'body.typeId.x': {$gt: 1}}]}
                    {graphId: 'g', status: 'ok'}     | {$or: [{'body.graphId': 'g'}, {'body.typeId': 'g'}], status: 'ok'}
                    {graphId: 'g', $or: [{a: 1}]}    | {$and: [{$or: [{'body.graphId': 'g'}, {'body.typeId': 'g'}]}, {$or: [{a: 1}]}]}
                    {level: 'info', severity: 'x'}   | {$and: [{'body.level': 'info'}, {'body.level': 'x'}]}
                    {$nor: [{$and: [{id: 1}]}]}      | {$nor: [{$and: [{_id: 1}]}]}
                    {items: {$elemMatch: {id: 1}}}   | {items: {$elemMatch: {id: 1}}}
                    {identity: 1, idx: {$ne: 'id'}}  | {identity: 1, idx: {$ne: 'id'}}
                    """)
    void aliases_rewriteQueryLevelFieldNamesAndJsonShowsTheResult(String filter, String rewritten)
            throws Exception {
        assertThat(compile(filter).json()).isEqualTo(json(rewritten));
    }

    @Test
    void multiPathAlias_matchesWhenAnyOfItsPathsMatches() throws Exception {
        Filter filter = compile("{graphId: 'g1', 'body.status': 'ok'}");

        assertThat(filter.matches(json("{body: {graphId: 'g1', status: 'ok'}}"))).isTrue();
        assertThat(filter.matches(json("{body: {typeId: 'g1', status: 'ok'}}"))).isTrue();
        assertThat(filter.matches(json("{body: {typeId: 'g1', status: 'ko'}}"))).isFalse();
        assertThat(filter.matches(json("{graphId: 'g1', body: {status: 'ok'}}"))).isFalse();
    }

    @Test
    void conflictingRewrites_keepBothConditions() throws Exception {
        Filter filter = compile("{level: 'info', severity: {$exists: true}}");

        assertThat(filter.matches(json("{body: {level: 'info'}}"))).isTrue();
        assertThat(filter.matches(json("{body: {level: 'warn'}}"))).isFalse();
    }

    @Test
    void malformedFieldName_isRejectedBeforeAliasesSeeIt() {
        FieldAliases everythingIsValid = field -> List.of("ok");

        assertThatThrownBy(
                        () ->
                                Filter.compile(
                                        json("{'.x': 1}"),
                                        FilterLimits.defaults(),
                                        everythingIsValid))
                .isInstanceOf(FilterException.class)
                .hasMessage("field '.x' has an empty path segment");
    }

    @Test
    void aliasExpansionBeyondTheNodeLimit_isRejected() throws Exception {
        FieldAliases wide = field -> List.of("a", "b", "c", "d", "e");
        JsonNode filter = json("{x: 1}");

        assertThatThrownBy(() -> Filter.compile(filter, new FilterLimits(256, 10, 1000), wide))
                .isInstanceOf(FilterException.class)
                .hasMessage("the filter is too large: more than 10 JSON values");
    }
}
