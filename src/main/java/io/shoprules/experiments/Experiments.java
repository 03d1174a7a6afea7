package io.shoprules.experiments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.shoprules.engine.ActivationSource;
import io.shoprules.engine.CompiledRuleSet;
import io.shoprules.engine.RuleSetDefinition;
import io.shoprules.engine.RuleSetRejectedException;
import io.shoprules.engine.RuleSetSource;
import io.shoprules.engine.RuleSets;
import io.shoprules.errors.ConflictException;
import io.shoprules.errors.InvalidInputException;
import io.shoprules.errors.NotFoundException;
import io.shoprules.facts.WriteConflicts;
import io.shoprules.versions.VersionHistory;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Starts, shows, stops and promotes experiments: a challenger draft of a rule set that decides for a
 * share of the subjects beside the serving champion (SPEC section 14, docs/experiments.md).
 */
@ApplicationScoped
public class Experiments {

    private static final Logger LOG = Logger.getLogger(Experiments.class);

    private final RuleSets ruleSets;
    private final VersionHistory history;
    private final RunningExperiments running;
    private final ExperimentResults results;
    private final ObjectMapper json;
    private final Clock clock;

    public Experiments(RuleSets ruleSets, VersionHistory history, RunningExperiments running, ExperimentResults results,
                       ObjectMapper json, Clock clock) {
        this.ruleSets = ruleSets;
        this.history = history;
        this.running = running;
        this.results = results;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Checks the challenger (it compiles, and the scenarios with its own edits pass), stores it and
     * serves it to its share of subjects.
     *
     * @throws ConflictException        when the rule set runs an experiment already, or had one of this name
     * @throws RuleSetRejectedException when the challenger fails its checks (nothing is stored)
     */
    public ExperimentView start(String ruleSet, String name, ExperimentRequest request, String author) {
        RuleSetDefinition definition = ruleSets.definition(ruleSet);
        SubjectField subject = SubjectField.of(json, definition.factType(), request.subjectField());
        if (request.endsAt() != null && !request.endsAt().toInstant().isAfter(clock.instant())) {
            throw new InvalidInputException("endsAt", "must be in the future");
        }
        RuleSetSource.requirePlainFileNames("files", request.files());
        RuleSetSource.requirePlainFileNames("scenarios", request.scenarios());
        refuseNameOrRunning(ruleSet, name);
        CompiledRuleSet serving = ruleSets.serving(ruleSet);
        RuleSets.CheckedDraft challenger = ruleSets.checkDraft(ruleSet, request.files(), request.scenarios());
        if (!challenger.report().valid()) {
            throw new RuleSetRejectedException(ruleSet, challenger.report().errors());
        }
        if (challenger.source().version().equals(serving.version())) {
            throw new InvalidInputException("files", "the challenger's files are the serving version's: the draft changes nothing");
        }
        Experiment stored;
        try {
            stored = QuarkusTransaction.requiringNew().call(() -> {
                Experiment row = new Experiment();
                row.ruleSet = ruleSet;
                row.name = name;
                row.status = Experiment.Status.RUNNING;
                row.share = request.share();
                row.subjectField = request.subjectField();
                row.championVersion = serving.version();
                row.challengerVersion = challenger.source().version();
                row.files = write(history.keepFiles(challenger.source().files()));
                row.scenarios = write(keepScenarios(request.scenarios()));
                row.author = author;
                row.startedAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
                row.endsAt = request.endsAt() == null ? null : request.endsAt().withOffsetSameInstant(ZoneOffset.UTC);
                row.runningRuleSet = ruleSet;
                row.persistAndFlush();
                return row;
            });
        } catch (RuntimeException e) {
            if (WriteConflicts.isConflict(e)) {
                // another request (or instance) started one while this challenger was being checked
                refuseNameOrRunning(ruleSet, name);
            }
            throw e;
        }
        running.serve(stored, challenger.compiled(), subject, definition);
        LOG.infof("rule set %s: experiment %s started by %s, challenger %s for %d%% of subjects by %s (champion %s)",
                ruleSet, name, author, stored.challengerVersion, stored.share, stored.subjectField, stored.championVersion);
        return view(stored, false);
    }

    private void refuseNameOrRunning(String ruleSet, String name) {
        Optional<Experiment> same = find(ruleSet, name);
        if (same.isPresent()) {
            throw new ConflictException("rule set " + ruleSet + " already has an experiment named " + name + " ("
                    + same.get().status + "); the name decides who is in which variant, so each experiment needs its own",
                    "name");
        }
        Optional<Experiment> other = QuarkusTransaction.requiringNew().call(() -> Experiment
                .<Experiment>find("runningRuleSet", ruleSet).firstResultOptional());
        if (other.isPresent()) {
            throw new ConflictException("rule set " + ruleSet + " runs experiment " + other.get().name
                    + " already; stop or promote it first", "name");
        }
    }

    /** The experiment with its results per variant. */
    public ExperimentView show(String ruleSet, String name) {
        ruleSets.definitionOrFolder(ruleSet);
        Experiment row = find(ruleSet, name).orElseThrow(() -> unknown(ruleSet, name));
        if (row.running() && row.endsAt != null && !clock.instant().isBefore(row.endsAt.toInstant())) {
            // past its end: stop it now rather than show it running until the next refresh
            running.refresh();
            row = find(ruleSet, name).orElseThrow(() -> unknown(ruleSet, name));
        }
        return view(row, true);
    }

    /** Every experiment of the rule set, newest first, without results. */
    public List<ExperimentView> list(String ruleSet) {
        ruleSets.definitionOrFolder(ruleSet);
        List<Experiment> rows = QuarkusTransaction.requiringNew().call(() -> Experiment
                .<Experiment>list("ruleSet = ?1 order by id desc", ruleSet));
        return rows.stream().map(row -> view(row, false)).toList();
    }

    /** Stops the experiment: the champion decides for everyone again. Stopping a stopped one changes nothing. */
    public ExperimentView stop(String ruleSet, String name, String author) {
        ruleSets.definitionOrFolder(ruleSet);
        Experiment row = QuarkusTransaction.requiringNew().call(() -> {
            Experiment found = Experiment.<Experiment>find("ruleSet = ?1 and name = ?2", ruleSet, name)
                    .firstResultOptional().orElseThrow(() -> unknown(ruleSet, name));
            if (found.running()) {
                found.stop(Experiment.Status.STOPPED, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), author);
            }
            return found;
        });
        running.forget(ruleSet, row.id);
        LOG.infof("rule set %s: experiment %s is %s", ruleSet, name, row.status);
        return view(row, true);
    }

    /**
     * Makes the challenger's files (and its scenario edits) the rule set's, recorded as PROMOTION, and
     * ends the experiment. All or nothing: a refusal leaves the files, the serving version and the
     * experiment as they were.
     *
     * @throws ConflictException        when the experiment no longer runs, or the champion changed since it started
     * @throws RuleSetRejectedException when the challenger fails today's scenarios
     */
    public ExperimentView promote(String ruleSet, String name, String author) {
        ruleSets.definitionOrFolder(ruleSet);
        Experiment row = find(ruleSet, name).orElseThrow(() -> unknown(ruleSet, name));
        if (!row.running()) {
            throw new ConflictException("experiment " + name + " is " + row.status + ": only a running experiment is promoted",
                    "name");
        }
        String serving = ruleSets.serving(ruleSet).version();
        // an earlier promotion that activated the files but could not mark the experiment is finished here
        if (!serving.equals(row.challengerVersion)) {
            if (!serving.equals(row.championVersion)) {
                throw new ConflictException("rule set " + ruleSet + " serves " + serving + ", no longer the champion "
                        + row.championVersion + " experiment " + name + " was measured against; stop it and start a new"
                        + " experiment from the serving version", "name");
            }
            Map<String, byte[]> edits = new HashMap<>(history.filesByHash(readMap(row.files)));
            ruleSets.filesOnDisk(ruleSet).forEach(file -> edits.putIfAbsent(file, null));
            // baseVersion: a change that lands between the check above and the activation is refused too
            ruleSets.activate(ruleSet, edits, scenarioEdits(row), row.championVersion, ActivationSource.PROMOTION, author);
        }
        long id = row.id;
        Experiment promoted = QuarkusTransaction.requiringNew().call(() -> {
            Experiment found = Experiment.findById(id);
            if (found.running()) {
                found.stop(Experiment.Status.PROMOTED, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), author);
            }
            return found;
        });
        running.forget(ruleSet, id);
        LOG.infof("rule set %s: experiment %s promoted by %s, challenger %s serves everyone", ruleSet, name, author,
                row.challengerVersion);
        return view(promoted, true);
    }

    private Optional<Experiment> find(String ruleSet, String name) {
        return QuarkusTransaction.requiringNew().call(() -> Experiment
                .<Experiment>find("ruleSet = ?1 and name = ?2", ruleSet, name).firstResultOptional());
    }

    /** Scenario edits stored by content hash; a removal (null) is kept as null. */
    private SortedMap<String, String> keepScenarios(Map<String, String> edits) {
        Map<String, byte[]> texts = new TreeMap<>();
        edits.forEach((file, text) -> {
            if (text != null) {
                texts.put(file, text.getBytes(StandardCharsets.UTF_8));
            }
        });
        SortedMap<String, String> hashes = new TreeMap<>(history.keepFiles(texts));
        edits.forEach((file, text) -> {
            if (text == null) {
                hashes.put(file, null);
            }
        });
        return hashes;
    }

    private Map<String, byte[]> scenarioEdits(Experiment row) {
        Map<String, String> hashes = readMap(row.scenarios);
        Map<String, String> kept = new TreeMap<>();
        hashes.forEach((file, hash) -> {
            if (hash != null) {
                kept.put(file, hash);
            }
        });
        Map<String, byte[]> edits = new HashMap<>(history.filesByHash(kept));
        hashes.forEach((file, hash) -> {
            if (hash == null) {
                edits.put(file, null);
            }
        });
        return edits;
    }

    private ExperimentView view(Experiment row, boolean withResults) {
        ExperimentResults.Results measured = withResults ? results.of(row.ruleSet, row.name) : null;
        return new ExperimentView(row.ruleSet, row.name, row.status, row.share, row.subjectField, row.championVersion,
                row.challengerVersion, readMap(row.files).keySet(), readMap(row.scenarios).keySet(), row.author,
                row.startedAt, row.endsAt, row.stoppedAt, row.stoppedBy,
                measured == null ? null : measured.variants(), measured == null ? null : measured.lift());
    }

    private static NotFoundException unknown(String ruleSet, String name) {
        return new NotFoundException("rule set " + ruleSet + " has no experiment named " + name, "name");
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> readMap(String text) {
        try {
            return json.readValue(text, RunningExperiments.FILES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an experiment row that is not JSON: " + text, e);
        }
    }
}
