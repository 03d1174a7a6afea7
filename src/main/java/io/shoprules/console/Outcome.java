package io.shoprules.console;

import io.shoprules.engine.Rebaseline;
import io.shoprules.engine.RuleFileError;
import io.shoprules.engine.ScenarioResult;
import io.shoprules.engine.ValidationReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What became of a draft the console sent: checked, activated, refused as stale or invalid, or
 * a preview started. The page shows it above the draft, which stays in its form either way.
 *
 * @param expectations the scenarios that expect what the serving version decides and fail with the
 *                      draft, each with the expectation the draft would give it, and those whose new
 *                      expectation the operator accepted
 */
public record Outcome(Kind kind, String version, List<RuleFileError> errors, List<ScenarioResult> scenarios,
                      String message, String previewId, List<NewExpectation> expectations, List<String> removed) {

    public enum Kind { VALID, INVALID, ACTIVATED, STALE, PREVIEW }

    /**
     * A scenario's expectation rewritten to what the draft decides (only its {@code expect:} block).
     *
     * @param accepted whether the operator accepted it: it goes with the draft
     * @param offered  whether it can be accepted: the rewritten scenario passes against the draft
     * @param diff     the scenario file, old against rewritten; empty when nothing can be offered
     * @param problems why nothing can be offered, or why the rewritten scenario would still fail
     */
    public record NewExpectation(String file, boolean accepted, boolean offered, List<DiffLine> diff,
                                 List<String> problems) {

        static NewExpectation of(Rebaseline rebaseline, boolean accepted) {
            boolean offered = rebaseline.status() == Rebaseline.Status.PROPOSED && Boolean.TRUE.equals(rebaseline.passesWithDraft());
            List<String> problems = new ArrayList<>();
            if (rebaseline.message() != null) {
                problems.add(rebaseline.message());
            }
            if (rebaseline.status() == Rebaseline.Status.PROPOSED && !offered) {
                problems.add("even expecting what the draft decides, the scenario fails: its expectNone forbids a decision the draft makes");
            }
            if (rebaseline.failures() != null) {
                problems.addAll(rebaseline.failures());
            }
            return new NewExpectation(rebaseline.file(), accepted && offered, offered,
                    rebaseline.diff() == null ? List.of() : DiffLine.of(rebaseline.diff()), problems);
        }
    }

    static Outcome checked(ValidationReport report) {
        return new Outcome(report.valid() ? Kind.VALID : Kind.INVALID, report.version(),
                report.errors() == null ? List.of() : report.errors(),
                report.scenarios() == null ? List.of() : report.scenarios(), null, null, expectationsOf(report), List.of());
    }

    static Outcome activated(ValidationReport report) {
        return new Outcome(Kind.ACTIVATED, report.version(), List.of(),
                report.scenarios() == null ? List.of() : report.scenarios(), null, null, expectationsOf(report), List.of());
    }

    /** A draft refused with its errors; {@code report} when it compiled, for its scenarios' new expectations. */
    static Outcome refused(List<RuleFileError> errors, ValidationReport report) {
        return new Outcome(Kind.INVALID, null, errors, report == null || report.scenarios() == null ? List.of()
                : report.scenarios(), null, null, report == null ? List.of() : expectationsOf(report), List.of());
    }

    static Outcome stale(String message) {
        return new Outcome(Kind.STALE, null, List.of(), List.of(), message, null, List.of(), List.of());
    }

    static Outcome preview(String id) {
        return new Outcome(Kind.PREVIEW, null, List.of(), List.of(), null, id, List.of(), List.of());
    }

    /** This outcome of a draft that removes the {@code scenarios} named. */
    Outcome withRemoved(List<String> scenarios) {
        return new Outcome(kind, version, errors, this.scenarios, message, previewId, expectations, List.copyOf(scenarios));
    }

    /** Accepted ones first; a scenario still failing after it was accepted shows as offered again would. */
    private static List<NewExpectation> expectationsOf(ValidationReport report) {
        Map<String, NewExpectation> byFile = new LinkedHashMap<>();
        if (report.accepted() != null) {
            report.accepted().stream().filter(r -> r.status() != Rebaseline.Status.PASSES)
                    .forEach(r -> byFile.put(r.file(), NewExpectation.of(r, true)));
        }
        if (report.rebaseline() != null) {
            report.rebaseline().forEach(r -> byFile.put(r.file(), NewExpectation.of(r, false)));
        }
        return List.copyOf(byFile.values());
    }

    /** The new expectations the operator accepted and the draft carries. */
    public List<NewExpectation> acceptedExpectations() {
        return expectations.stream().filter(NewExpectation::accepted).toList();
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
