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

    /**
     * True when every key that {@code requested} selects is also selected by {@code allowed}, so a
     * binding on {@code requested} stays within an allow-list entry. Conservative: a {@code #} in
     * {@code requested} is covered only by a {@code #} in {@code allowed}, so a few patterns that
     * are covered in theory (e.g. {@code #.x} under {@code *.#}) are refused.
     */
    public static boolean covers(String allowed, String requested) {
        if (allowed.equals("#") || allowed.equals(requested)) {
            return true;
        }
        return covers(allowed.split("\\.", -1), 0, requested.split("\\.", -1), 0);
    }

    private static boolean covers(String[] allowed, int a, String[] requested, int r) {
        if (a == allowed.length) {
            return r == requested.length;
        }
        String word = allowed[a];
        if (word.equals("#")) {
            // '#' absorbs any run of the requested words, wildcards included.
            for (int skip = r; skip <= requested.length; skip++) {
                if (covers(allowed, a + 1, requested, skip)) {
                    return true;
                }
            }
            return false;
        }
        if (r == requested.length || requested[r].equals("#")) {
            return false;
        }
        boolean one = word.equals("*") || word.equals(requested[r]);
        return one && covers(allowed, a + 1, requested, r + 1);
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
