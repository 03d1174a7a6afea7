package io.shoprules.console;

import io.shoprules.engine.ActivationSource;
import io.shoprules.engine.EngineConfig;
import io.shoprules.engine.RuleSetRejectedException;
import io.shoprules.engine.RuleSetSource;
import io.shoprules.engine.RuleSetStatus;
import io.shoprules.engine.RuleSets;
import io.shoprules.engine.ScenarioRunner;
import io.shoprules.engine.ScenarioResult;
import io.shoprules.errors.ConflictException;
import io.shoprules.errors.InvalidInputException;
import io.shoprules.errors.NotFoundException;
import io.shoprules.preview.PreviewRequest;
import io.shoprules.preview.Previews;
import io.shoprules.versions.Rollbacks;
import io.shoprules.versions.VersionHistory;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the console does with rule sets, through the same engine calls as the API: drafts are
 * validated, previewed and activated by {@link RuleSets} and {@link Previews}; refusals come back
 * as an {@link Outcome} to show beside the draft rather than as an error page.
 */
@ApplicationScoped
public class ConsoleRuleSets {

    private final RuleSets ruleSets;
    private final VersionHistory history;
    private final Rollbacks rollbacks;
    private final Previews previews;
    private final Path rulesDir;
    private final Path scenariosDir;

    public ConsoleRuleSets(RuleSets ruleSets, VersionHistory history, Rollbacks rollbacks, Previews previews,
                           EngineConfig config) {
        this.ruleSets = ruleSets;
        this.history = history;
        this.rollbacks = rollbacks;
        this.previews = previews;
        this.rulesDir = config.rules().dir();
        this.scenariosDir = config.scenarios().dir();
    }

    public List<RuleSetRow> overview() {
        return ruleSets.statuses().stream().map(ConsoleRuleSets::row).toList();
    }

    public RuleSetRow row(String name) {
        ruleSets.definitionOrFolder(name);
        return ruleSets.statuses().stream().filter(s -> s.name().equals(name)).findFirst().map(ConsoleRuleSets::row)
                .orElse(new RuleSetRow(name, null, null, 0, 0, null, null, List.of(), List.of()));
    }

    /** The rule set as {@code GET /api/rulesets} shows it: scenario results and coverage of the serving version. */
    public RuleSetStatus status(String name) {
        ruleSets.definitionOrFolder(name);
        return ruleSets.statuses().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElse(new RuleSetStatus(name, null, null, List.of(), List.of(), List.of(), List.of(), null, null));
    }

    private static RuleSetRow row(RuleSetStatus status) {
        long passed = status.scenarios().stream().filter(ScenarioResult::passed).count();
        RuleSetStatus.Rejection rejected = status.lastRejected();
        return new RuleSetRow(status.name(), status.version(), status.activatedAt(), passed,
                status.scenarios().size() - passed, rejected == null ? null : rejected.version(),
                rejected == null ? null : rejected.rejectedAt(), rejected == null ? List.of() : rejected.errors(),
                status.notices() == null ? List.of() : status.notices());
    }

    /** The rule set's files on disk as text, by name; null for a file that is not UTF-8 text (a spreadsheet). */
    public SortedMap<String, String> files(String name) {
        ruleSets.definitionOrFolder(name);
        SortedMap<String, String> texts = new TreeMap<>();
        RuleSetSource.readFiles(rulesDir.resolve(name)).forEach((file, bytes) -> texts.put(file, text(bytes)));
        return texts;
    }

    /** The text of one file of the rule set. */
    public String file(String name, String file) {
        SortedMap<String, String> files = files(name);
        if (!files.containsKey(file)) {
            throw new NotFoundException("rule set " + name + " has no file " + file, "file");
        }
        if (files.get(file) == null) {
            throw new InvalidInputException("file", file + " is not text: edit it outside the console");
        }
        return files.get(file);
    }

    /**
     * Checks a draft; the scenarios named in {@code accepted} expect what the draft decides, and
     * those named in {@code removed} go, as {@link #activate} would write them.
     */
    public Outcome validate(String name, Map<String, String> edits, List<String> accepted, List<String> removed) {
        RuleSetSource.requirePlainFileNames("files", edits);
        return Outcome.checked(ruleSets.validate(name, edits, removals(name, removed), accepted)).withRemoved(removed);
    }

    /**
     * Activates a draft with the new expectations of the scenarios named in {@code accepted}, and
     * without the scenarios named in {@code removed}.
     */
    public Outcome activate(String name, Map<String, String> edits, List<String> accepted, List<String> removed,
                            String baseVersion, String author) {
        RuleSetSource.requirePlainFileNames("files", edits);
        Map<String, byte[]> bytes = new HashMap<>();
        edits.forEach((file, text) -> bytes.put(file, text.getBytes(StandardCharsets.UTF_8)));
        return activation(() -> ruleSets.activate(name, bytes, removals(name, removed), accepted, baseVersion, ActivationSource.API,
                author)).withRemoved(removed);
    }

    /**
     * The scenario edits that remove the {@code removed} scenarios (each name mapped to null).
     *
     * @throws InvalidInputException naming {@code remove[i]} when a name is not a scenario of the rule set
     */
    private <T> Map<String, T> removals(String name, List<String> removed) {
        SortedMap<String, byte[]> scenarios = RuleSetSource.readFiles(scenariosDir.resolve(name));
        Map<String, T> edits = new HashMap<>();
        for (int i = 0; i < removed.size(); i++) {
            if (!scenarios.containsKey(removed.get(i)) || !ScenarioRunner.isScenarioFile(removed.get(i))) {
                throw new InvalidInputException("remove[" + i + "]", "'" + removed.get(i) + "' is not a scenario of rule set " + name);
            }
            edits.put(removed.get(i), null);
        }
        return edits;
    }

    public Outcome preview(String name, Map<String, String> edits) {
        RuleSetSource.requirePlainFileNames("files", edits);
        try {
            return Outcome.preview(previews.start(name, edits, Map.of(), PreviewRequest.DEFAULT_DAYS));
        } catch (RuleSetRejectedException e) {
            return Outcome.refused(e.errors(), e.report().orElse(null));
        }
    }

    /**
     * Puts an earlier version's exact files back, as {@code POST /api/rulesets/{ruleSet}/rollback}
     * does, with the scenarios named in {@code accepted} expecting what that version decides.
     */
    public Outcome rollback(String name, String version, List<String> accepted, String author) {
        return activation(() -> rollbacks.to(name, version, accepted, author));
    }

    private Outcome activateBytes(String name, Map<String, byte[]> edits, List<String> accepted, String baseVersion,
                                  ActivationSource how, String author) {
        return activation(() -> ruleSets.activate(name, edits, Map.of(), accepted, baseVersion, how, author));
    }

    /** An activation's report as an outcome; a stale base or a refused draft is an outcome too, not an error page. */
    private static Outcome activation(java.util.function.Supplier<io.shoprules.engine.ValidationReport> activate) {
        try {
            return Outcome.activated(activate.get());
        } catch (ConflictException e) {
            return Outcome.stale(e.getMessage());
        } catch (RuleSetRejectedException e) {
            return Outcome.refused(e.errors(), e.report().orElse(null));
        }
    }

    /** The text of one scenario file of the rule set. */
    public String scenario(String name, String file) {
        ruleSets.definitionOrFolder(name);
        byte[] bytes = RuleSetSource.readFiles(scenariosDir.resolve(name)).get(file);
        if (bytes == null || !ScenarioRunner.isScenarioFile(file)) {
            throw new NotFoundException("rule set " + name + " has no scenario " + file, "file");
        }
        String text = text(bytes);
        if (text == null) {
            throw new InvalidInputException("file", file + " is not UTF-8 text: edit it outside the console");
        }
        return text;
    }

    /**
     * A scenario written in the console: {@code file} must be a plain {@code *.yaml} name, and a new
     * one must not replace a scenario that exists.
     */
    public void requireScenarioName(String name, String file, boolean isNew) {
        ruleSets.definitionOrFolder(name);
        if (file == null || !RuleSetSource.isPlainFileName(file) || !ScenarioRunner.isScenarioFile(file)) {
            throw new InvalidInputException("file", "a file name such as restock-when-cover-is-short.yaml is expected"
                    + " (letters, digits, '.', '_', '-', ending in .yaml)");
        }
        if (isNew && RuleSetSource.readFiles(scenariosDir.resolve(name)).containsKey(file)) {
            throw new InvalidInputException("file", "rule set " + name + " has a scenario " + file
                    + " already: choose another name, or open it from the scenarios page to edit it");
        }
    }

    /** Checks the scenarios of the serving rules with one scenario file written or replaced. */
    public Outcome validateScenario(String name, String file, String text, List<String> accepted) {
        return Outcome.checked(ruleSets.validate(name, Map.of(), Map.of(file, text), accepted));
    }

    /** Writes one scenario file, once every scenario passes against the serving rules. */
    public Outcome activateScenario(String name, String file, String text, List<String> accepted, String baseVersion,
                                    String author) {
        return activation(() -> ruleSets.activate(name, Map.of(), Map.of(file, text.getBytes(StandardCharsets.UTF_8)),
                accepted, baseVersion, ActivationSource.API, author));
    }

    /** The policy numbers of every rule file of the rule set, file by file. */
    public List<PolicyNumbers.Field> policies(String name) {
        return files(name).entrySet().stream()
                .filter(file -> file.getKey().endsWith(".drl") && file.getValue() != null)
                .flatMap(file -> PolicyNumbers.in(file.getKey(), file.getValue()).stream())
                .toList();
    }

    /**
     * The rule files with the policy numbers of {@code values} (form name to value) written in;
     * only files with a changed number are in the draft.
     */
    public Map<String, String> policyDraft(String name, Map<String, String> values) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (PolicyNumbers.Field field : policies(name)) {
            String value = values.get(field.formName());
            if (value == null || value.trim().equals(field.value())) {
                continue;
            }
            String text = texts.computeIfAbsent(field.file(), file -> file(name, file));
            texts.put(field.file(), PolicyNumbers.withValue(text, field, value));
        }
        if (texts.isEmpty()) {
            throw new InvalidInputException("policy", "no policy number was changed");
        }
        return texts;
    }

    public List<io.shoprules.versions.VersionView> versions(String name, int limit) {
        ruleSets.definitionOrFolder(name);
        return history.list(name, limit);
    }

    private static String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
