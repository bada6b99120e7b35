package io.monorail.ws.domain.subscription;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Topic patterns of one exchange ({@code *} one word, {@code #} zero or more, as AMQP matches them)
 * arranged as a tree of words, so that finding what a routing key selects costs about the key's
 * words, however many patterns there are: with 100,000 {@code nodes.*.<id>} patterns, an event for
 * one node visits a handful of nodes, not 100,000 patterns.
 *
 * <p>Changes are made under the owner's lock; matching takes none and may run concurrently with a
 * change (it then sees the tree before or after it).
 */
final class TopicTrie<T> {
    private final Node<T> root = new Node<>();

    /** Adds {@code value} under {@code pattern}; false when it was there already. */
    boolean add(String pattern, T value) {
        Node<T> node = root;
        for (String word : pattern.split("\\.", -1)) {
            node = node.children.computeIfAbsent(word, w -> new Node<>());
        }
        if (node.values.contains(value)) {
            return false;
        }
        node.values.add(value);
        return true;
    }

    /**
     * Removes {@code value} from under {@code pattern}, and the words no pattern needs any more.
     */
    boolean remove(String pattern, T value) {
        return remove(root, pattern.split("\\.", -1), 0, value);
    }

    private static <T> boolean remove(Node<T> node, String[] words, int at, T value) {
        if (at == words.length) {
            return node.values.remove(value);
        }
        Node<T> child = node.children.get(words[at]);
        if (child == null || !remove(child, words, at + 1, value)) {
            return false;
        }
        if (child.isEmpty()) {
            node.children.remove(words[at], child);
        }
        return true;
    }

    /** Adds to {@code into} every value whose pattern selects {@code routingKey}. */
    void match(String routingKey, Set<T> into) {
        match(root, routingKey.split("\\.", -1), 0, into);
    }

    boolean isEmpty() {
        return root.isEmpty();
    }

    private static <T> void match(Node<T> node, String[] words, int at, Set<T> into) {
        Node<T> hash = node.children.get("#");
        if (hash != null) {
            // '#' takes zero or more words: try every split.
            for (int skip = at; skip <= words.length; skip++) {
                match(hash, words, skip, into);
            }
        }
        if (at == words.length) {
            into.addAll(node.values);
            return;
        }
        Node<T> exact = node.children.get(words[at]);
        if (exact != null) {
            match(exact, words, at + 1, into);
        }
        Node<T> star = node.children.get("*");
        if (star != null && star != exact) {
            match(star, words, at + 1, into);
        }
    }

    private static final class Node<T> {
        final Map<String, Node<T>> children = new ConcurrentHashMap<>();
        final List<T> values = new CopyOnWriteArrayList<>();

        boolean isEmpty() {
            return values.isEmpty() && children.isEmpty();
        }
    }
}
