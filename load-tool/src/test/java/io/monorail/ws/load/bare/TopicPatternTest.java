package io.monorail.ws.load.bare;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicPatternTest {

    @Test
    void exactWordsMatchOnlyThemselves() {
        assertThat(new TopicPattern("load.abc").matches("load.abc")).isTrue();
        assertThat(new TopicPattern("load.abc").matches("load.abcd")).isFalse();
        assertThat(new TopicPattern("load.abc").matches("load.abc.x")).isFalse();
    }

    @Test
    void star_matchesExactlyOneWord() {
        TopicPattern star = new TopicPattern("graph.*.x");

        assertThat(star.matches("graph.started.x")).isTrue();
        assertThat(star.matches("graph.x")).isFalse();
        assertThat(star.matches("graph.a.b.x")).isFalse();
    }

    @Test
    void hash_matchesAnyNumberOfWordsIncludingNone() {
        assertThat(new TopicPattern("#").matches("anything.at.all")).isTrue();
        assertThat(new TopicPattern("graph.#").matches("graph")).isTrue();
        assertThat(new TopicPattern("graph.#").matches("graph.a.b")).isTrue();
        assertThat(new TopicPattern("#.finished").matches("graph.x.finished")).isTrue();
        assertThat(new TopicPattern("#.finished").matches("graph.x.started")).isFalse();
    }
}
