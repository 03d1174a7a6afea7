package io.shoprules.engine;

import java.util.List;
import java.util.Set;

/** How one scenario file fared against one version of its rule set, and which rules it fired. */
public record ScenarioResult(String file, boolean passed, List<String> failures, List<String> rulesFired) {

    static ScenarioResult passed(String file, Set<String> rulesFired) {
        return new ScenarioResult(file, true, List.of(), rulesFired.stream().sorted().toList());
    }

    static ScenarioResult failed(String file, List<String> failures, Set<String> rulesFired) {
        return new ScenarioResult(file, false, List.copyOf(failures), rulesFired.stream().sorted().toList());
    }

    static ScenarioResult failed(String file, List<String> failures) {
        return failed(file, failures, Set.of());
    }
}
