package io.monorail.ws.load.bare;

import java.util.regex.Pattern;

/** An AMQP topic binding pattern: dot-separated words, {@code *} one word, {@code #} any number. */
public final class TopicPattern {
    private static final Pattern DOT = Pattern.compile("\\.");

    private final String pattern;
    private final String[] words;

    public TopicPattern(String pattern) {
        this.pattern = pattern;
        this.words = DOT.split(pattern, -1);
    }

    /** True if a message with this routing key reaches a binding with this pattern. */
    public boolean matches(String routingKey) {
        if (pattern.equals(routingKey)) {
            return true;
        }
        return matches(DOT.split(routingKey, -1), 0, 0);
    }

    private boolean matches(String[] key, int k, int w) {
        if (w == words.length) {
            return k == key.length;
        }
        if (words[w].equals("#")) {
            for (int skip = k; skip <= key.length; skip++) {
                if (matches(key, skip, w + 1)) {
                    return true;
                }
            }
            return false;
        }
        if (k == key.length) {
            return false;
        }
        return (words[w].equals("*") || words[w].equals(key[k])) && matches(key, k + 1, w + 1);
    }

    @Override
    public String toString() {
        return pattern;
    }
}
