package io.shoprules.experiments;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The challenger's conversion against the champion's for one outcome: the difference of the two
 * rates, the relative lift, a two-sided two-proportion z-test with the pooled rate, and a 95 %
 * (Wald) confidence interval of the difference. docs/experiments.md writes the formulas out.
 *
 * @param outcome         the outcome whose conversion is compared
 * @param championRate    converted champion subjects / champion subjects
 * @param challengerRate  converted challenger subjects / challenger subjects
 * @param difference      challengerRate - championRate
 * @param lift            difference / championRate; null when the champion converted no one
 * @param z               the test statistic; null when every subject or none converted (no variance)
 * @param pValue          two-sided, 2 (1 - Φ(|z|)); null with z
 * @param confidenceLow   lower end of the 95 % interval of the difference
 * @param confidenceHigh  upper end
 */
public record ConversionComparison(String outcome, double championRate, double challengerRate, double difference,
                                   Double lift, Double z, Double pValue, double confidenceLow, double confidenceHigh) {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);
    /** Φ⁻¹(0.975), about 1.959964: a two-sided 95 % interval. */
    private static final double Z_95 = STANDARD_NORMAL.inverseCumulativeProbability(0.975);

    /**
     * Compares {@code challengerConverted} of {@code challengerSubjects} with {@code championConverted}
     * of {@code championSubjects}; null when a variant has no subject yet.
     */
    public static ConversionComparison of(String outcome, long championConverted, long championSubjects,
                                          long challengerConverted, long challengerSubjects) {
        if (championSubjects == 0 || challengerSubjects == 0) {
            return null;
        }
        double n1 = championSubjects;
        double n2 = challengerSubjects;
        double p1 = championConverted / n1;
        double p2 = challengerConverted / n2;
        double difference = p2 - p1;
        double pooled = (championConverted + challengerConverted) / (n1 + n2);
        double pooledError = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
        Double z = pooledError == 0 ? null : difference / pooledError;
        Double pValue = z == null ? null : Math.min(1.0, 2 * STANDARD_NORMAL.survivalProbability(Math.abs(z)));
        double error = Math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
        return new ConversionComparison(outcome, p1, p2, difference, p1 == 0 ? null : difference / p1, z, pValue,
                difference - Z_95 * error, difference + Z_95 * error);
    }
}
