package io.shoprules.engine;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /api/rulesets} shows of one rule set; {@code notices} ({@link RuleSetDefinition#notices}) is
 * left out when there are none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleSetStatus(String name, String version, Instant activatedAt, List<String> rules,
                            List<ScenarioResult> scenarios, List<Coverage.RuleCoverage> coverage,
                            List<String> uncoveredRules, Rejection lastRejected, List<String> notices) {

    /** The last edit that was not activated, and why. */
    public record Rejection(String version, Instant rejectedAt, List<RuleFileError> errors) {
    }
}
