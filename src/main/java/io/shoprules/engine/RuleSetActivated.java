package io.shoprules.engine;

import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * A version of a rule set began serving. Fired synchronously by {@link RuleSets} for every
 * activation, so whatever keeps the history has it before the activation is answered.
 *
 * @param files         the version's files (rule files and data files), by name
 * @param scenarioFiles the scenario files it was checked with, by name
 */
public record RuleSetActivated(String ruleSet, String version, Instant activatedAt, ActivationSource source,
                               String author, SortedMap<String, byte[]> files, SortedMap<String, byte[]> scenarioFiles,
                               List<ScenarioResult> scenarios) {

    public long scenariosPassed() {
        return scenarios.stream().filter(ScenarioResult::passed).count();
    }

    public long scenariosFailed() {
        return scenarios.size() - scenariosPassed();
    }
}
