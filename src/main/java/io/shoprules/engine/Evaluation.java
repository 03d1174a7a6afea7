package io.shoprules.engine;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * The decisions one version of a rule set made about a set of facts at one moment, and the rules
 * that fired to make them (scenario coverage reads those).
 */
public record Evaluation(String ruleSet, String version, OffsetDateTime now, List<RuleDecision> decisions,
                         @JsonIgnore Set<String> firedRules) {

    public Evaluation(String ruleSet, String version, OffsetDateTime now, List<RuleDecision> decisions) {
        this(ruleSet, version, now, decisions, Set.of());
    }
}
