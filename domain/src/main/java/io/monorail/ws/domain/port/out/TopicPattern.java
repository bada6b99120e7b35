package io.monorail.ws.domain.port.out;

/** AMQP topic matching: words split on dots, {@code *} is one word, {@code #} zero or more. */
public final class TopicPattern {
    private TopicPattern() {}

    /** True when {@code pattern} selects {@code key}. */
    public static boolean matches(String pattern, String key) {
        if (pattern.equals("#") || pattern.equals(key)) {
            return true;
        }
        return matches(pattern.split("\\.", -1), 0, key.split("\\.", -1), 0);
    }

    private static boolean matches(String[] pattern, int p, String[] key, int k) {
        while (p < pattern.length) {
            String word = pattern[p];
            if (word.equals("#")) {
                if (p == pattern.length - 1) {
                    return true;
                }
                // '#' takes zero or more words: try every split, collapsing repeated '#'.
                for (int skip = k; skip <= key.length; skip++) {
                    if (matches(pattern, p + 1, key, skip)) {
                        return true;
                    }
                }
                return false;
            }
            if (k >= key.length) {
                return false;
            }
            if (!word.equals("*") && !word.equals(key[k])) {
                return false;
            }
            p++;
            k++;
        }
        return k == key.length;
    }
}
