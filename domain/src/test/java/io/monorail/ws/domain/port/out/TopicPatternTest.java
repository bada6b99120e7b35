package io.monorail.ws.domain.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicPatternTest {
    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource({
        "#, a.b.c, true",
        "#, '', true",
        "a.#, a, true",
        "a.#, a.b.c, true",
        "a.#, b.a, false",
        "*.task.finished, default.task.finished, true",
        "*.task.finished, task.finished, false",
        "graph.#.g1, graph.started.g1, true",
        "graph.#.g1, graph.progress.updated.info.g1, true",
        "graph.#.g1, graph.started.g2, false",
        "a.*, a.b, true",
        "a.*, a.b.c, false",
        "a.*, a, false",
        "a.#.#.b, a.b, true",
        "nodes.*.n1, nodes.created.n1, true",
        "nodes.*.n1, nodes.created.n2, false",
        "exact, exact, true",
        "exact, exactly, false"
    })
    void matchesLikeAnAmqpTopicExchange(String pattern, String key, boolean expected) {
        assertThat(TopicPattern.matches(pattern, key)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} covers {1} -> {2}")
    @CsvSource({
        "#, #, true",
        "#, graph.started.*, true",
        "graph.#, graph.started.g1, true",
        "graph.#, graph.*.g1, true",
        "graph.#, graph.#, true",
        "graph.#, graph, true",
        "graph.#, #, false",
        "graph.#, *.started, false",
        "graph.*, graph.started, true",
        "graph.*, graph.*, true",
        "graph.*, graph.#, false",
        "graph.*, graph.a.b, false",
        "*.task.finished, default.task.finished, true",
        "*.task.finished, *.task.*, false",
        "info, info, true",
        "info, error, false",
        "info, *, false",
        // Conservative: covered in theory, refused.
        "*.#, #.x, false"
    })
    void coversOnlyPatternsWithinTheAllowedOne(String allowed, String requested, boolean expected) {
        assertThat(TopicPattern.covers(allowed, requested)).isEqualTo(expected);
    }
}
