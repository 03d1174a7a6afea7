package io.shoprules.decisions;

import io.shoprules.engine.Evaluation;
import io.shoprules.engine.RuleDecision;

import java.util.List;

/** What {@code POST /api/rulesets/{ruleSet}/decisions} answers. */
public record DecisionResponse(String ruleSet, String version, List<RuleDecision> decisions) {

    public static DecisionResponse of(Evaluation evaluation) {
        return new DecisionResponse(evaluation.ruleSet(), evaluation.version(), evaluation.decisions());
    }
}
