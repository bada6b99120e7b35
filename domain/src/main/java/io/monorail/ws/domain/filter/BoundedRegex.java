package io.monorail.ws.domain.filter;

import java.util.regex.Pattern;

/**
 * A compiled {@code $regex} whose every evaluation may read at most a fixed number of characters,
 * so a catastrophically backtracking pattern costs a bounded amount of CPU and simply fails.
 */
final class BoundedRegex {
    private final Pattern pattern;
    private final long stepBudget;

    private BoundedRegex(Pattern pattern, long stepBudget) {
        this.pattern = pattern;
        this.stepBudget = stepBudget;
    }

    /**
     * Compiles {@code regex} with MongoDB's {@code $options} letters ({@code i m s x}, already
     * validated).
     *
     * @throws java.util.regex.PatternSyntaxException when the regex is invalid
     */
    static BoundedRegex compile(String regex, String options, long stepBudget) {
        return new BoundedRegex(Pattern.compile(regex, flags(options)), stepBudget);
    }

    /** True when the pattern occurs in {@code text} within the budget; unanchored, like MongoDB. */
    boolean find(String text) {
        try {
            return pattern.matcher(new CountingText(text, stepBudget)).find();
        } catch (BudgetExceeded e) {
            return false;
        } catch (StackOverflowError e) {
            // java.util.regex recurses once per repetition, so a long subject can overflow the
            // stack before the budget runs out; the failure is confined to this evaluation.
            return false;
        }
    }

    private static int flags(String options) {
        int flags = 0;
        for (int i = 0; i < options.length(); i++) {
            flags |=
                    switch (options.charAt(i)) {
                        case 'i' -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                        case 'm' -> Pattern.MULTILINE;
                        case 's' -> Pattern.DOTALL;
                        case 'x' -> Pattern.COMMENTS;
                        default ->
                                throw new IllegalArgumentException(
                                        "unvalidated $options letter: " + options.charAt(i));
                    };
        }
        return flags;
    }

    /** The subject text, counting reads and giving up once the budget is spent. */
    private static final class CountingText implements CharSequence {
        private final String text;
        private long remaining;

        CountingText(String text, long budget) {
            this.text = text;
            this.remaining = budget;
        }

        @Override
        public char charAt(int index) {
            if (--remaining < 0) {
                throw new BudgetExceeded();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            // Only group extraction asks for this, and find() never does.
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Unwinds the matcher when the budget is spent; control flow only, so no stack trace. */
    private static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded() {
            super(null, null, false, false);
        }
    }
}
