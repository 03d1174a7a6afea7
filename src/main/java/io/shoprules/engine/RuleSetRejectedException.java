package io.shoprules.engine;

import java.util.List;
import java.util.stream.Collectors;

/** A version of a rule set that must not serve: it did not compile, or its scenarios failed. */
public class RuleSetRejectedException extends RuntimeException {

    private final String ruleSet;
    private final transient List<RuleFileError> errors;

    public RuleSetRejectedException(String ruleSet, List<RuleFileError> errors) {
        super("rule set " + ruleSet + " rejected: "
                + errors.stream().map(RuleFileError::toString).collect(Collectors.joining("; ")));
        this.ruleSet = ruleSet;
        this.errors = List.copyOf(errors);
    }

    public String ruleSet() {
        return ruleSet;
    }

    public List<RuleFileError> errors() {
        return errors;
    }
}
