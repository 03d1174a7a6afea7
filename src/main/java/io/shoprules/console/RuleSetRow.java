package io.shoprules.console;

import io.shoprules.engine.RuleFileError;

import java.time.Instant;
import java.util.List;

/** One rule set at a glance: what serves, how its scenarios fare, the last edit refused. */
public record RuleSetRow(String name, String version, Instant activatedAt, long scenariosPassed,
                         long scenariosFailed, String rejectedVersion, Instant rejectedAt,
                         List<RuleFileError> rejectedErrors, List<String> notices) {
}
