package io.monorail.ws.domain.filter;

import static io.monorail.ws.domain.filter.TestFilters.compile;
import static io.monorail.ws.domain.filter.TestFilters.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilterRegexBudgetTest {

    private static final String EVIL_SUBJECT = "{a: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'}";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "(a+)+$",
                // JDK 17 memoizes the loop above; this nesting still backtracks exponentially
                // (over 2e9 reads for this subject without a budget).
                "((a+)+)+$"
            })
    void catastrophicRegex_doesNotMatchOnceItsBudgetIsSpent(String regex) throws Exception {
        Filter filter = compile("{a: {$regex: '" + regex + "'}}");

        assertThat(filter.matches(json(EVIL_SUBJECT))).isFalse();
        assertThat(filter.matches(json("{a: 'baaa'}"))).isTrue();
    }

    @Test
    void regexThatMatchesOnlyAfterTooManySteps_doesNotMatch() throws Exception {
        // This match costs about 400 000 reads: over the default budget, within a larger one.
        String regex = "{a: {$regex: '(.*a){16}'}}";
        String subject = "{a: '" + "a".repeat(20) + "!'}";
        FilterLimits larger = new FilterLimits(256, 1000, 1_000_000);

        assertThat(compile(regex).matches(json(subject))).isFalse();
        assertThat(Filter.compile(json(regex), larger).matches(json(subject))).isTrue();
    }

    @Test
    void stepBudget_countsCharacterReadsSoAMatchBeyondItIsNotFound() throws Exception {
        String late = "{a: '" + "x".repeat(200) + "z'}";
        FilterLimits tight = new FilterLimits(256, 1000, 50);

        assertThat(Filter.compile(json("{a: {$regex: 'z'}}"), tight).matches(json(late))).isFalse();
        assertThat(compile("{a: {$regex: 'z'}}").matches(json(late))).isTrue();
    }

    @Test
    void budgetAppliesToEachStringSoEveryArrayElementGetsAFullBudget() throws Exception {
        FilterLimits tight = new FilterLimits(256, 1000, 50);
        Filter filter = Filter.compile(json("{a: {$regex: 'z'}}"), tight);

        assertThat(filter.matches(json("{a: ['" + "x".repeat(45) + "', 'xz']}"))).isTrue();
    }

    @Test
    void regexOverflowingTheStack_doesNotMatchInsteadOfThrowing() throws Exception {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("a", "ab".repeat(100_000));
        FilterLimits generous = new FilterLimits(256, 1000, Long.MAX_VALUE);

        Filter filter = Filter.compile(json("{a: {$regex: '^(a|b)*c'}}"), generous);

        assertThat(filter.matches(document)).isFalse();
    }

    @Test
    void negatedRegexOverBudget_matchesBecauseTheRegexDidNot() throws Exception {
        Filter filter =
                Filter.compile(json("{a: {$not: {$regex: 'z'}}}"), new FilterLimits(256, 1000, 10));

        assertThat(filter.matches(json("{a: '" + "x".repeat(20) + "z'}"))).isTrue();
    }
}
