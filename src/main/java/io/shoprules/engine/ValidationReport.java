package io.shoprules.engine;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The outcome of checking a draft: compile errors, or the scenario results of the draft. From
 * validate, {@code rebaseline} offers each failing scenario the draft's decisions as its new expectation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValidationReport(String ruleSet, String version, boolean valid, List<String> rules,
                               List<RuleFileError> errors, List<ScenarioResult> scenarios,
                               List<Coverage.RuleCoverage> coverage, List<String> uncoveredRules,
                               List<Rebaseline> rebaseline) {

    static ValidationReport of(String ruleSet, String version, List<String> rules, List<RuleFileError> errors,
                               List<ScenarioResult> scenarios) {
        Coverage coverage = rules == null ? null : Coverage.of(rules, scenarios);
        return new ValidationReport(ruleSet, version, errors.isEmpty(), rules, errors, scenarios,
                coverage == null ? null : coverage.coverage(), coverage == null ? null : coverage.uncoveredRules(), null);
    }

    /** This report with the draft's decisions offered as new expectations of the scenarios that fail. */
    ValidationReport withRebaseline(List<Rebaseline> offers) {
        return new ValidationReport(ruleSet, version, valid, rules, errors, scenarios, coverage, uncoveredRules, offers);
    }
}
