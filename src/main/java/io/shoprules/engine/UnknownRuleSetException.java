package io.shoprules.engine;

/** A request named a rule set that is not loaded. */
public class UnknownRuleSetException extends RuntimeException {

    private final String ruleSet;

    public UnknownRuleSetException(String ruleSet) {
        super("no rule set named '" + ruleSet + "' is loaded");
        this.ruleSet = ruleSet;
    }

    public String ruleSet() {
        return ruleSet;
    }
}
