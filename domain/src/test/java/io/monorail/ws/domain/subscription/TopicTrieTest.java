package io.monorail.ws.domain.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.monorail.ws.domain.port.out.TopicPattern;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopicTrieTest {
    @Test
    void matchesAsAmqpDoes_forEveryPatternAndKeyOfASeededSample() {
        Random random = new Random(42);
        String[] words = {"a", "b", "c", "*", "#"};
        List<String> patterns = new ArrayList<>();
        TopicTrie<String> trie = new TopicTrie<>();
        for (int i = 0; i < 300; i++) {
            String pattern = randomKey(random, words, 4);
            patterns.add(pattern);
            trie.add(pattern, pattern);
        }
        String[] keyWords = {"a", "b", "c", "d"};
        for (int i = 0; i < 2_000; i++) {
            String key = randomKey(random, keyWords, 5);
            Set<String> expected = new HashSet<>();
            for (String pattern : patterns) {
                if (TopicPattern.matches(pattern, key)) {
                    expected.add(pattern);
                }
            }
            Set<String> found = new LinkedHashSet<>();
            trie.match(key, found);
            assertThat(found).as("key %s", key).isEqualTo(expected);
        }
    }

    @Test
    void hashMatchesZeroOrMoreWords_starExactlyOne() {
        TopicTrie<String> trie = new TopicTrie<>();
        trie.add("graph.#", "graph.#");
        trie.add("*.task.finished", "*.task.finished");
        trie.add("#", "#");
        trie.add("nodes.*.n1", "nodes.*.n1");

        assertThat(matches(trie, "graph")).containsExactlyInAnyOrder("graph.#", "#");
        assertThat(matches(trie, "default.task.finished"))
                .containsExactlyInAnyOrder("*.task.finished", "#");
        assertThat(matches(trie, "nodes.updated.n1")).containsExactlyInAnyOrder("nodes.*.n1", "#");
        assertThat(matches(trie, "nodes.updated.n2")).containsExactly("#");
    }

    @Test
    void removingAValue_leavesOthersUnderTheSamePattern_andPrunesEmptyWords() {
        TopicTrie<String> trie = new TopicTrie<>();
        trie.add("a.b", "one");
        trie.add("a.b", "two");
        assertThat(trie.add("a.b", "two")).isFalse();

        assertThat(trie.remove("a.b", "one")).isTrue();
        assertThat(matches(trie, "a.b")).containsExactly("two");
        assertThat(trie.remove("a.b", "two")).isTrue();
        assertThat(trie.remove("a.b", "two")).isFalse();
        assertThat(trie.isEmpty()).isTrue();
    }

    @Test
    void aHundredThousandIdPatterns_anEventFindsOnlyItsOwn() {
        TopicTrie<Integer> trie = new TopicTrie<>();
        for (int i = 0; i < 100_000; i++) {
            trie.add("nodes.*." + i, i);
        }

        Set<Integer> found = new LinkedHashSet<>();
        trie.match("nodes.updated.77777", found);

        assertThat(found).containsExactly(77_777);
    }

    private static Set<String> matches(TopicTrie<String> trie, String key) {
        Set<String> found = new LinkedHashSet<>();
        trie.match(key, found);
        return found;
    }

    private static String randomKey(Random random, String[] words, int maxWords) {
        int count = 1 + random.nextInt(maxWords);
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                key.append('.');
            }
            key.append(words[random.nextInt(words.length)]);
        }
        return key.toString();
    }
}
