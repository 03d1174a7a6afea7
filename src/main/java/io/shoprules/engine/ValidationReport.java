package io.shoprules.engine;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The outcome of checking a draft: compile errors, or the scenario results of the draft. From
 * validate, {@code rebaseline} offers each failing scenario the draft's decisions as its new expectation;
 * {@code accepted} lists the scenarios whose new expectation the author accepted with the draft.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValidationReport(String ruleSet, String version, boolean valid, List<String> rules,
                               List<RuleFileError> errors, List<ScenarioResult> scenarios,
                               List<Coverage.RuleCoverage> coverage, List<String> uncoveredRules,
                               List<Rebaseline> rebaseline, List<Rebaseline> accepted) {

    static ValidationReport of(String ruleSet, String version, List<String> rules, List<RuleFileError> errors,
                               List<ScenarioResult> scenarios) {
        Coverage coverage = rules == null ? null : Coverage.of(rules, scenarios);
        return new ValidationReport(ruleSet, version, errors.isEmpty(), rules, errors, scenarios,
                coverage == null ? null : coverage.coverage(), coverage == null ? null : coverage.uncoveredRules(), null, null);
    }

    /** This report with the draft's decisions offered as new expectations of the scenarios that fail. */
    ValidationReport withRebaseline(List<Rebaseline> offers) {
        return new ValidationReport(ruleSet, version, valid, rules, errors, scenarios, coverage, uncoveredRules, offers,
                accepted);
    }

    /** This report with the scenarios re-baselined because the author accepted their new expectation; none: unchanged. */
    ValidationReport withAccepted(List<Rebaseline> taken) {
        return taken.isEmpty() ? this : new ValidationReport(ruleSet, version, valid, rules, errors, scenarios, coverage,
                uncoveredRules, rebaseline, taken);
    }
}
