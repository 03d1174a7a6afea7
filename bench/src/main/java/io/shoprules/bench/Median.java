package io.shoprules.bench;

import java.util.List;

/** The middle of a few measurements (of an even count, the mean of the two middle ones): one outlier moves it little. */
final class Median {

    private Median() {
    }

    static double of(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
