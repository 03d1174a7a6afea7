package io.shoprules.console;

import io.shoprules.engine.RuleFileError;
import io.shoprules.engine.ScenarioResult;

import java.util.List;

/**
 * What became of a draft the console sent: checked, activated, refused as stale or invalid, or
 * a preview started. The page shows it above the draft, which stays in its form either way.
 */
public record Outcome(Kind kind, String version, List<RuleFileError> errors, List<ScenarioResult> scenarios,
                      String message, String previewId) {

    public enum Kind { VALID, INVALID, ACTIVATED, STALE, PREVIEW }

    static Outcome checked(String version, boolean valid, List<RuleFileError> errors, List<ScenarioResult> scenarios) {
        return new Outcome(valid ? Kind.VALID : Kind.INVALID, version, errors == null ? List.of() : errors,
                scenarios == null ? List.of() : scenarios, null, null);
    }

    static Outcome activated(String version, List<ScenarioResult> scenarios) {
        return new Outcome(Kind.ACTIVATED, version, List.of(), scenarios == null ? List.of() : scenarios, null, null);
    }

    static Outcome refused(List<RuleFileError> errors) {
        return new Outcome(Kind.INVALID, null, errors, List.of(), null, null);
    }

    static Outcome stale(String message) {
        return new Outcome(Kind.STALE, null, List.of(), List.of(), message, null);
    }

    static Outcome preview(String id) {
        return new Outcome(Kind.PREVIEW, null, List.of(), List.of(), null, id);
    }

    public boolean activated() {
        return kind == Kind.ACTIVATED;
    }

    public boolean stale() {
        return kind == Kind.STALE;
    }

    public boolean valid() {
        return kind == Kind.VALID;
    }

    public boolean invalid() {
        return kind == Kind.INVALID;
    }

    public boolean previewing() {
        return kind == Kind.PREVIEW;
    }

    public boolean failed() {
        return kind == Kind.INVALID || kind == Kind.STALE;
    }

    public long passed() {
        return scenarios.stream().filter(ScenarioResult::passed).count();
    }

    public long failedScenarios() {
        return scenarios.size() - passed();
    }

    /** The lines of {@code file} an error points at, to mark them beside the editor. */
    public List<Integer> errorLines(String file) {
        return errors.stream().filter(e -> file.equals(e.file()) && e.line() != null).map(RuleFileError::line)
                .distinct().toList();
    }
}
