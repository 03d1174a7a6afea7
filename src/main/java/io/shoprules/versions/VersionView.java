package io.shoprules.versions;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.shoprules.engine.ActivationSource;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * One activation as {@code GET /api/rulesets/{ruleSet}/versions} shows it; {@code files} (name to
 * text) only when one version is asked for. {@code scenarioChanges} says how the scenario files it
 * was checked with differ from the activation before (absent for activations recorded before the
 * history kept scenarios).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VersionView(String ruleSet, String version, OffsetDateTime activatedAt, ActivationSource source,
                          String author, List<FileChange> changes, List<FileChange> scenarioChanges,
                          Scenarios scenarios, Map<String, String> files) {

    public record Scenarios(int passed, int failed) {
    }
}
