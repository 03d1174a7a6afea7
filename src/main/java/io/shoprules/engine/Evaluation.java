package io.shoprules.engine;

import java.time.OffsetDateTime;
import java.util.List;

/** The decisions one version of a rule set made about a set of facts at one moment. */
public record Evaluation(String ruleSet, String version, OffsetDateTime now, List<RuleDecision> decisions) {
}
