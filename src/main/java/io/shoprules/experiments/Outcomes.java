package io.shoprules.experiments;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.shoprules.engine.RuleSets;
import io.shoprules.errors.ConflictException;
import io.shoprules.facts.WriteConflicts;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Records outcomes and credits each to the variant its subject is in, in the running experiment of
 * the rule set or, when none runs, the latest one (conversions go on arriving after an experiment
 * stops). An outcome is kept whatever happens; it counts in the results only when its subject had a
 * decision in that experiment (docs/experiments.md, Outcomes).
 */
@ApplicationScoped
public class Outcomes {

    private static final String HAD_DECISION = "select 1 from experiment_decision where experiment = ? and experiment_subject = ?"
            + " and rule_set = ? fetch first 1 rows only";

    private final RuleSets ruleSets;
    private final DataSource dataSource;
    private final Clock clock;

    public Outcomes(RuleSets ruleSets, DataSource dataSource, Clock clock) {
        this.ruleSets = ruleSets;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * Stores the outcome once.
     *
     * @throws ConflictException when the same outcome was posted before with another value
     */
    public OutcomeReceipt record(OutcomeRequest request) {
        ruleSets.definitionOrFolder(request.ruleSet());
        OffsetDateTime at = request.at().withOffsetSameInstant(ZoneOffset.UTC);
        Optional<ExperimentOutcome> earlier = find(request, at);
        if (earlier.isPresent()) {
            return repeated(earlier.get(), request);
        }
        Optional<Experiment> experiment = QuarkusTransaction.requiringNew().call(() -> Experiment
                .<Experiment>find("runningRuleSet", request.ruleSet()).firstResultOptional()
                .or(() -> Experiment.<Experiment>find("ruleSet = ?1 order by id desc", request.ruleSet()).firstResultOptional()));
        ExperimentOutcome outcome = new ExperimentOutcome();
        outcome.ruleSet = request.ruleSet();
        outcome.subject = request.subject();
        outcome.outcome = request.outcome();
        outcome.occurredAt = at;
        outcome.value = request.value();
        outcome.experiment = experiment.map(e -> e.name).orElse(null);
        outcome.variant = experiment.map(e -> Bucket.variantOf(e.name, request.subject(), e.share)).orElse(null);
        outcome.receivedAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        try {
            QuarkusTransaction.requiringNew().run(outcome::persistAndFlush);
        } catch (RuntimeException e) {
            if (WriteConflicts.isConflict(e)) {
                // the same outcome posted twice at once: the other request stored it
                return repeated(find(request, at).orElseThrow(() -> e), request);
            }
            throw e;
        }
        return receipt(outcome, false);
    }

    private OutcomeReceipt repeated(ExperimentOutcome earlier, OutcomeRequest request) {
        if (earlier.value.compareTo(request.value()) != 0) {
            throw new ConflictException("this outcome was posted before with value " + earlier.value.toPlainString()
                    + "; an outcome is identified by ruleSet, subject, outcome and at", "value");
        }
        return receipt(earlier, true);
    }

    private Optional<ExperimentOutcome> find(OutcomeRequest request, OffsetDateTime at) {
        return QuarkusTransaction.requiringNew().call(() -> ExperimentOutcome.<ExperimentOutcome>find(
                "ruleSet = ?1 and subject = ?2 and outcome = ?3 and occurredAt = ?4",
                request.ruleSet(), request.subject(), request.outcome(), at).firstResultOptional());
    }

    private OutcomeReceipt receipt(ExperimentOutcome outcome, boolean repeated) {
        boolean counted = outcome.experiment != null && hadDecision(outcome);
        return new OutcomeReceipt(outcome.id, outcome.ruleSet, outcome.subject, outcome.outcome, outcome.value,
                outcome.occurredAt, outcome.experiment, outcome.variant, counted, repeated);
    }

    private boolean hadDecision(ExperimentOutcome outcome) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(HAD_DECISION)) {
            statement.setString(1, outcome.experiment);
            statement.setString(2, outcome.subject);
            statement.setString(3, outcome.ruleSet);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the decisions of experiment " + outcome.experiment + " could not be read", e);
        }
    }
}
