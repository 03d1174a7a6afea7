package io.shoprules.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many scenarios fired each rule of a version, and the rules no scenario fires: a rule no
 * scenario exercises can change without any scenario noticing.
 */
public record Coverage(List<RuleCoverage> coverage, List<String> uncoveredRules) {

    public record RuleCoverage(String rule, int scenarios) {
    }

    static Coverage of(List<String> ruleNames, List<ScenarioResult> scenarios) {
        Map<String, Integer> counts = new TreeMap<>();
        ruleNames.forEach(rule -> counts.put(rule, 0));
        for (ScenarioResult scenario : scenarios) {
            scenario.rulesFired().forEach(rule -> counts.merge(rule, 1, Integer::sum));
        }
        List<RuleCoverage> coverage = new ArrayList<>();
        List<String> uncovered = new ArrayList<>();
        counts.forEach((rule, count) -> {
            coverage.add(new RuleCoverage(rule, count));
            if (count == 0) {
                uncovered.add(rule);
            }
        });
        return new Coverage(List.copyOf(coverage), List.copyOf(uncovered));
    }
}
