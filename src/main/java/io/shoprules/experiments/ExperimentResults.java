package io.shoprules.experiments;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The results of an experiment, computed by the database: three aggregate queries (GROUP BY
 * variant) over the decisions made in the experiment ({@code experiment_decision}) and the
 * outcomes, whatever their size; no row is loaded here.
 *
 * <p>An outcome counts when its subject had a decision in the experiment: the same subject and
 * variant then stand on both sides of the conversion rate.
 */
@ApplicationScoped
public class ExperimentResults {

    private static final String DECISIONS = "select variant, type, count(*) from experiment_decision"
            + " where rule_set = ? and experiment = ? group by variant, type";
    private static final String SUBJECTS = "select variant, count(distinct experiment_subject) from experiment_decision"
            + " where rule_set = ? and experiment = ? group by variant";
    private static final String OUTCOMES = "select o.variant, o.outcome, count(*), count(distinct o.subject),"
            + " sum(o.outcome_value) from experiment_outcome o where o.rule_set = ? and o.experiment = ?"
            + " and exists (select 1 from experiment_decision d where d.experiment = o.experiment"
            + " and d.experiment_subject = o.subject and d.rule_set = o.rule_set)"
            + " group by o.variant, o.outcome";

    /** What one variant did. */
    public record VariantResult(String variant, long subjects, Map<String, Long> decisions,
                                Map<String, OutcomeResult> outcomes) {
    }

    /**
     * One outcome in one variant.
     *
     * @param outcomes        outcomes posted (a subject may have several)
     * @param subjects        distinct subjects with the outcome: the converted ones
     * @param conversionRate  subjects / the variant's subjects
     * @param value           the sum of the outcomes' values
     * @param valuePerSubject value / the variant's subjects
     */
    public record OutcomeResult(long outcomes, long subjects, double conversionRate, BigDecimal value,
                                BigDecimal valuePerSubject) {
    }

    public record Results(List<VariantResult> variants, List<ConversionComparison> lift) {
    }

    private final DataSource dataSource;

    public ExperimentResults(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Results of(String ruleSet, String experiment) {
        Map<String, Long> subjects = new TreeMap<>();
        Map<String, Map<String, Long>> decisions = new TreeMap<>();
        Map<String, Map<String, Counted>> outcomes = new TreeMap<>();
        try (Connection connection = dataSource.getConnection()) {
            query(connection, SUBJECTS, ruleSet, experiment, row -> subjects.put(row.getString(1), row.getLong(2)));
            query(connection, DECISIONS, ruleSet, experiment, row -> decisions
                    .computeIfAbsent(row.getString(1), v -> new TreeMap<>()).put(row.getString(2), row.getLong(3)));
            query(connection, OUTCOMES, ruleSet, experiment, row -> outcomes
                    .computeIfAbsent(row.getString(1), v -> new TreeMap<>())
                    .put(row.getString(2), new Counted(row.getLong(3), row.getLong(4), row.getBigDecimal(5))));
        } catch (SQLException e) {
            throw new IllegalStateException("the results of experiment " + experiment + " could not be read", e);
        }
        List<VariantResult> variants = new ArrayList<>();
        for (String variant : List.of(Bucket.CHAMPION, Bucket.CHALLENGER)) {
            long n = subjects.getOrDefault(variant, 0L);
            Map<String, OutcomeResult> results = new TreeMap<>();
            outcomes.getOrDefault(variant, Map.of()).forEach((outcome, counted) -> results.put(outcome,
                    new OutcomeResult(counted.outcomes(), counted.subjects(), n == 0 ? 0 : (double) counted.subjects() / n,
                            counted.value(), n == 0 ? BigDecimal.ZERO : counted.value().divide(BigDecimal.valueOf(n), 4,
                            RoundingMode.HALF_EVEN))));
            variants.add(new VariantResult(variant, n, decisions.getOrDefault(variant, Map.of()), results));
        }
        TreeSet<String> outcomeNames = new TreeSet<>();
        outcomes.values().forEach(byOutcome -> outcomeNames.addAll(byOutcome.keySet()));
        List<ConversionComparison> lift = new ArrayList<>();
        for (String outcome : outcomeNames) {
            ConversionComparison comparison = ConversionComparison.of(outcome,
                    converted(outcomes, Bucket.CHAMPION, outcome), subjects.getOrDefault(Bucket.CHAMPION, 0L),
                    converted(outcomes, Bucket.CHALLENGER, outcome), subjects.getOrDefault(Bucket.CHALLENGER, 0L));
            if (comparison != null) {
                lift.add(comparison);
            }
        }
        return new Results(variants, lift);
    }

    private static long converted(Map<String, Map<String, Counted>> outcomes, String variant, String outcome) {
        Counted counted = outcomes.getOrDefault(variant, Map.of()).get(outcome);
        return counted == null ? 0 : counted.subjects();
    }

    private record Counted(long outcomes, long subjects, BigDecimal value) {
    }

    private interface Row {
        void read(ResultSet row) throws SQLException;
    }

    private static void query(Connection connection, String sql, String ruleSet, String experiment, Row each)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, ruleSet);
            statement.setString(2, experiment);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    each.read(rows);
                }
            }
        }
    }
}
