package io.shoprules.engine;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** The outcome of checking a draft: compile errors, or the scenario results of the draft. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValidationReport(String ruleSet, String version, boolean valid, List<String> rules,
                               List<RuleFileError> errors, List<ScenarioResult> scenarios,
                               List<Coverage.RuleCoverage> coverage, List<String> uncoveredRules) {

    static ValidationReport of(String ruleSet, String version, List<String> rules, List<RuleFileError> errors,
                               List<ScenarioResult> scenarios) {
        Coverage coverage = rules == null ? null : Coverage.of(rules, scenarios);
        return new ValidationReport(ruleSet, version, errors.isEmpty(), rules, errors, scenarios,
                coverage == null ? null : coverage.coverage(), coverage == null ? null : coverage.uncoveredRules());
    }
}
