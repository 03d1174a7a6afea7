package io.shoprules.console;

import io.shoprules.engine.RuleFileError;
import io.shoprules.engine.RuleSetRejectedException;
import io.shoprules.errors.ConflictException;
import io.shoprules.experiments.ExperimentView;
import io.shoprules.experiments.Experiments;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.stream.Collectors;

/**
 * Promotions from the console, through the experiments service: a refusal (the experiment no
 * longer runs, the champion changed, the challenger fails today's scenarios) comes back as a
 * message beside the experiment rather than as an error page.
 */
@ApplicationScoped
public class ConsoleExperiments {

    /** What came of a promotion: the experiment as it is now, what to tell the operator, the HTTP status. */
    public record Promotion(ExperimentView experiment, String message, int status) {
    }

    private final Experiments experiments;

    public ConsoleExperiments(Experiments experiments) {
        this.experiments = experiments;
    }

    public Promotion promote(String ruleSet, String name, String author) {
        try {
            ExperimentView promoted = experiments.promote(ruleSet, name, author);
            return new Promotion(promoted, "Experiment " + name + " is " + promoted.status() + ": version "
                    + promoted.challengerVersion() + " now decides for everyone.", 200);
        } catch (ConflictException e) {
            return new Promotion(experiments.show(ruleSet, name), "Not promoted, nothing changed: " + e.getMessage(), 409);
        } catch (RuleSetRejectedException e) {
            return new Promotion(experiments.show(ruleSet, name), "Not promoted, nothing changed: the challenger fails "
                    + "today's checks: " + e.errors().stream().map(RuleFileError::toString)
                    .collect(Collectors.joining("; ")), 422);
        }
    }
}
