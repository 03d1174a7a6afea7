package io.shoprules.engine;

/**
 * The rules ran past a limit of one evaluation (time, firings, inserted facts) for these facts:
 * the facts are fine, the rule set is not; answered 422 naming the rule, and a version whose
 * scenarios hit it is rejected.
 */
public class RuleLimitException extends RuleExecutionException {

    private final String rule;

    public RuleLimitException(String ruleSet, String version, String rule, String what) {
        super("rule set " + ruleSet + " (" + version + ") " + what);
        this.rule = rule;
    }

    /** The rule that was firing when the limit was passed, or null when none was. */
    public String rule() {
        return rule;
    }
}
