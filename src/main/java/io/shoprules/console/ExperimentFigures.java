package io.shoprules.console;

import io.shoprules.experiments.ConversionComparison;
import io.shoprules.experiments.ExperimentResults;
import io.shoprules.experiments.ExperimentView;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An experiment's results as the page prints them: rates as percentages, values and p-values
 * rounded for reading. The API gives the unrounded figures.
 */
public record ExperimentFigures(List<Variant> variants, List<Lift> lifts) {

    /** One outcome of one variant. */
    public record Outcome(String outcome, long outcomes, long converted, String rate, String value,
                          String valuePerSubject) {
    }

    /** What one variant did. */
    public record Variant(String variant, long subjects, String decisions, List<Outcome> outcomes) {
    }

    /** The challenger against the champion for one outcome. */
    public record Lift(String outcome, String championRate, String challengerRate, String difference, String lift,
                       String pValue, String interval) {
    }

    static ExperimentFigures of(ExperimentView experiment) {
        List<Variant> variants = new ArrayList<>();
        if (experiment.variants() != null) {
            for (ExperimentResults.VariantResult variant : experiment.variants()) {
                List<Outcome> outcomes = new ArrayList<>();
                variant.outcomes().forEach((name, result) -> outcomes.add(new Outcome(name, result.outcomes(),
                        result.subjects(), percent(result.conversionRate()), money(result.value()),
                        money(result.valuePerSubject()))));
                variants.add(new Variant(variant.variant(), variant.subjects(), decisions(variant.decisions()), outcomes));
            }
        }
        List<Lift> lifts = new ArrayList<>();
        if (experiment.lift() != null) {
            for (ConversionComparison c : experiment.lift()) {
                lifts.add(new Lift(c.outcome(), percent(c.championRate()), percent(c.challengerRate()),
                        points(c.difference()), c.lift() == null ? "n/a (champion converted no one)" : signedPercent(c.lift()),
                        c.pValue() == null ? "n/a (no variance)" : String.format(Locale.ROOT, "%.4f", c.pValue()),
                        points(c.confidenceLow()) + " to " + points(c.confidenceHigh())));
            }
        }
        return new ExperimentFigures(variants, lifts);
    }

    private static String decisions(Map<String, Long> byType) {
        return byType.isEmpty() ? "none" : byType.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.2f %%", rate * 100);
    }

    private static String signedPercent(double rate) {
        return String.format(Locale.ROOT, "%+.2f %%", rate * 100);
    }

    /** A difference of two rates, in percentage points. */
    private static String points(double difference) {
        return String.format(Locale.ROOT, "%+.2f pp", difference * 100);
    }

    private static String money(BigDecimal value) {
        return value == null ? "0.00" : value.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
