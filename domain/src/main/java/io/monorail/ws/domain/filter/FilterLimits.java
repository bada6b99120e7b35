package io.monorail.ws.domain.filter;

/**
 * Bounds on what a client filter may cost: regex length, filter size in JSON nodes, and the number
 * of character reads one regex evaluation may make.
 */
public record FilterLimits(int maxRegexLength, int maxNodes, long regexStepBudget) {

    public FilterLimits {
        if (maxRegexLength < 1) {
            throw new IllegalArgumentException(
                    "maxRegexLength must be positive: " + maxRegexLength);
        }
        if (maxNodes < 1) {
            throw new IllegalArgumentException("maxNodes must be positive: " + maxNodes);
        }
        if (regexStepBudget < 1) {
            throw new IllegalArgumentException(
                    "regexStepBudget must be positive: " + regexStepBudget);
        }
    }

    /** 256 regex characters, 1000 nodes, 100 000 character reads per regex evaluation. */
    public static FilterLimits defaults() {
        return new FilterLimits(256, 1000, 100_000);
    }
}
