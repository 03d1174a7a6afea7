package io.shoprules.engine;

import java.util.List;

/** How one scenario file fared against one version of its rule set. */
public record ScenarioResult(String file, boolean passed, List<String> failures) {

    static ScenarioResult passed(String file) {
        return new ScenarioResult(file, true, List.of());
    }

    static ScenarioResult failed(String file, List<String> failures) {
        return new ScenarioResult(file, false, List.copyOf(failures));
    }
}
