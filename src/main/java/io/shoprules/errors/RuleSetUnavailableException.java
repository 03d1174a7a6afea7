package io.shoprules.errors;

/** A known rule set has no version that passed its checks, so it cannot decide anything yet. */
public class RuleSetUnavailableException extends RuntimeException {

    public RuleSetUnavailableException(String ruleSet) {
        super("rule set '" + ruleSet + "' has no valid version yet; see GET /api/rulesets for its errors");
    }
}
