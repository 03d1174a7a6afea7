package io.shoprules.engine;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;

/**
 * How one scenario file fared against one version of its rule set, and which rules it fired.
 *
 * @param decisions what the version decided on the scenario's facts, as clients see the decisions;
 *                  null when the scenario could not be run (unreadable YAML, invalid facts). Kept out of
 *                  the JSON: re-baselining reads it, reports do not need it.
 */
public record ScenarioResult(String file, boolean passed, List<String> failures, List<String> rulesFired,
                             @JsonIgnore List<JsonNode> decisions) {

    static ScenarioResult passed(String file, Set<String> rulesFired, List<JsonNode> decisions) {
        return new ScenarioResult(file, true, List.of(), rulesFired.stream().sorted().toList(), List.copyOf(decisions));
    }

    static ScenarioResult failed(String file, List<String> failures, Set<String> rulesFired, List<JsonNode> decisions) {
        return new ScenarioResult(file, false, List.copyOf(failures), rulesFired.stream().sorted().toList(),
                decisions == null ? null : List.copyOf(decisions));
    }

    static ScenarioResult failed(String file, List<String> failures) {
        return failed(file, failures, Set.of(), null);
    }
}
