package io.shoprules.engine;

import java.util.List;
import java.util.stream.Collectors;

/** A version of a rule set that must not serve: it did not compile, or its scenarios failed. */
public class RuleSetRejectedException extends RuntimeException {

    private final String ruleSet;
    private final transient List<RuleFileError> errors;
    private final transient ValidationReport report;

    public RuleSetRejectedException(String ruleSet, List<RuleFileError> errors) {
        this(ruleSet, errors, null);
    }

    /**
     * @param report for a draft that compiled, its check: each failing scenario offered what the draft
     *               decides as its new expectation, and the scenarios whose new expectation was accepted
     */
    public RuleSetRejectedException(String ruleSet, List<RuleFileError> errors, ValidationReport report) {
        super("rule set " + ruleSet + " rejected: "
                + errors.stream().map(RuleFileError::toString).collect(Collectors.joining("; ")));
        this.ruleSet = ruleSet;
        this.errors = List.copyOf(errors);
        this.report = report;
    }

    /** The check of a draft that compiled; empty when it did not compile. */
    public java.util.Optional<ValidationReport> report() {
        return java.util.Optional.ofNullable(report);
    }

    public String ruleSet() {
        return ruleSet;
    }

    public List<RuleFileError> errors() {
        return errors;
    }
}
