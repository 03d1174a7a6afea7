package io.shoprules.errors;

/** A request named a rule set that is not loaded. */
public class UnknownRuleSetException extends NotFoundException {

    private final String ruleSet;

    public UnknownRuleSetException(String ruleSet) {
        super("no rule set named '" + ruleSet + "' is loaded", "ruleSet");
        this.ruleSet = ruleSet;
    }

    public String ruleSet() {
        return ruleSet;
    }
}
