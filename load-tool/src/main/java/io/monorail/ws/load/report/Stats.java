package io.monorail.ws.load.report;

import java.util.List;

/** Median and spread (min, max) of one measure over the repeats. */
public record Stats(double median, double min, double max, int count) {

    /** The stats of these values, or null if there are none. */
    public static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Stats(median, sorted[0], sorted[n - 1], n);
    }
}
