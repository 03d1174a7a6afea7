package io.shoprules.engine;

/**
 * An evaluation passed one of its limits ({@link EvaluationBudget}). Thrown inside the rule engine;
 * {@link CompiledRuleSet} turns it into a {@link RuleLimitException} that names the rule set and rule.
 */
final class EvaluationLimitException extends RuntimeException {

    EvaluationLimitException(String message) {
        super(message, null, false, false);
    }
}
