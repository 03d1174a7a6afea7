package io.shoprules.preview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.shoprules.decisions.InputLog;
import io.shoprules.decisions.RecordedInput;
import io.shoprules.engine.CompiledRuleSet;
import io.shoprules.engine.EngineConfig;
import io.shoprules.engine.Evaluation;
import io.shoprules.engine.FactReader;
import io.shoprules.errors.InvalidInputException;
import io.shoprules.engine.Now;
import io.shoprules.engine.Rebaseline;
import io.shoprules.engine.RuleExecutionException;
import io.shoprules.engine.RuleSetDefinition;
import io.shoprules.engine.RuleSets;
import io.shoprules.facts.FactPages;
import io.shoprules.facts.FactStore;
import io.shoprules.facts.StoredFactRow;
import io.shoprules.jobs.JobsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Impact previews: a draft and the serving version of a rule set decide side by side on the rule
 * set's stored facts and on the REST requests recorded over the last days, and the differences are
 * counted per decision type and rule. Previews evaluate through {@link CompiledRuleSet} directly,
 * never the decision service, so they write no decision-log row and create no action; the draft's
 * rules run under the same evaluation limits as any version's.
 *
 * <p>Each preview's state is stored ({@link PreviewStore}) as it starts, as it advances and as it
 * ends, so every instance answers for it. Previews run one at a time on a thread of their own so
 * that a preview never competes with requests for more than one core.
 */
@ApplicationScoped
public class Previews {

    private static final Logger LOG = Logger.getLogger(Previews.class);
    /** How often a running preview's progress is stored. */
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);
    /** Recorded requests read per page; a request holds up to 10,000 facts. */
    private static final int INPUT_PAGE = 20;

    private final RuleSets ruleSets;
    private final FactStore facts;
    private final InputLog inputs;
    private final FactReader reader;
    private final ObjectMapper json;
    private final Clock clock;
    private final ZoneId shopZone;
    private final int batchSize;
    private final PreviewStore store;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "impact-preview");
        thread.setDaemon(true);
        return thread;
    });

    public Previews(RuleSets ruleSets, FactStore facts, InputLog inputs, FactReader reader, ObjectMapper json, Clock clock,
                    EngineConfig engine, JobsConfig jobs, PreviewStore store) {
        this.store = store;
        this.ruleSets = ruleSets;
        this.facts = facts;
        this.inputs = inputs;
        this.reader = reader;
        this.json = json;
        this.clock = clock;
        this.shopZone = engine.shop().zone();
        this.batchSize = jobs.batchSize();
    }

    void stop(@Observes ShutdownEvent event) {
        runner.shutdownNow();
    }

    /**
     * Compiles the draft here, so a draft that does not compile is answered at once, and starts the
     * preview in the background.
     *
     * @throws io.shoprules.engine.RuleSetRejectedException when the draft does not compile
     */
    public String start(String ruleSet, Map<String, String> fileEdits, Map<String, String> scenarioEdits, int days) {
        CompiledRuleSet draft = ruleSets.compileDraft(ruleSet, fileEdits);
        CompiledRuleSet serving = ruleSets.serving(ruleSet);
        RuleSetDefinition definition = ruleSets.definition(serving);
        if (definition == null) {
            throw new io.shoprules.errors.UnknownRuleSetException(ruleSet);
        }
        OffsetDateTime startedAt = OffsetDateTime.now(clock);
        Preview preview = new Preview(UUID.randomUUID().toString(), ruleSet, days, startedAt, serving.version(),
                draft.version());
        store.started(preview.view());
        LOG.infof("preview %s of rule set %s: draft %s against version %s, %d days of requests", preview.id, ruleSet,
                draft.version(), serving.version(), days);
        runner.execute(() -> run(preview, definition, serving, draft, scenarioEdits));
        return preview.id;
    }

    /** @throws UnknownPreviewException when no preview by that id is kept */
    public PreviewView find(String id) {
        return store.find(id).orElseThrow(() -> new UnknownPreviewException(id));
    }

    private void run(Preview preview, RuleSetDefinition definition, CompiledRuleSet serving, CompiledRuleSet draft,
                     Map<String, String> scenarioEdits) {
        try {
            OffsetDateTime since = preview.startedAt.minusDays(preview.days);
            preview.total = facts.count(definition.name()) + inputs.count(definition.name(), since);
            store.save(preview.view());
            Impact impact = new Impact(json);
            replayStoredFacts(preview, definition, serving, draft, impact);
            replayRequests(preview, definition, serving, draft, since, impact);
            // the scenarios the draft breaks, each with the draft's decisions offered as its new expectation
            List<Rebaseline> rebaseline = ruleSets.offerRebaselines(definition.name(), draft, scenarioEdits);
            preview.done(impact, rebaseline, OffsetDateTime.now(clock));
            store.save(preview.view());
            LOG.infof("preview %s of rule set %s: done, %d facts and %d requests replayed", preview.id,
                    definition.name(), preview.factsReplayed, preview.requestsReplayed);
        } catch (RuleExecutionException e) {
            // a looping draft is stopped by the evaluation limits; the message names the rule
            LOG.infof("preview %s of rule set %s failed: %s", preview.id, definition.name(), e.getMessage());
            storeFailure(preview, e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "preview %s of rule set %s failed", preview.id, definition.name());
            storeFailure(preview, "the preview could not finish: " + e.getMessage());
        }
    }

    private void storeFailure(Preview preview, String message) {
        preview.failed(message, OffsetDateTime.now(clock));
        try {
            store.save(preview.view());
        } catch (RuntimeException unsaved) {
            // the database is what failed: the instance marks the row FAILED when it starts again
            LOG.errorf(unsaved, "preview %s: its failure could not be stored", preview.id);
        }
    }

    /** Page by page as a job scans them: one batch in memory, all judged at the preview's start. */
    private void replayStoredFacts(Preview preview, RuleSetDefinition definition, CompiledRuleSet serving,
                                   CompiledRuleSet draft, Impact impact) {
        Now now = new Now(preview.startedAt, shopZone);
        StoredFactRow after = null;
        while (true) {
            List<StoredFactRow> rows = definition.scansInGroups()
                    ? facts.groupPage(definition.name(), after, batchSize)
                    : facts.page(definition.name(), after == null ? FactPages.START : after.factId(), batchSize);
            if (rows.isEmpty()) {
                return;
            }
            List<Object> batch = new ArrayList<>(rows.size());
            List<Object> draftBatch = new ArrayList<>(rows.size());
            for (StoredFactRow row : rows) {
                try {
                    List<JsonNode> node = List.of(json.readTree(row.payload()));
                    Object fact = definition.readFacts(reader, "fact", node).get(0);
                    Object draftFact = readerOf(draft, definition).readFacts(reader, "fact", node).get(0);
                    batch.add(fact);
                    draftBatch.add(draftFact);
                } catch (InvalidInputException | JsonProcessingException e) {
                    preview.skipped++;
                }
            }
            compare(serving, draft, now, batch, draftBatch, impact);
            preview.factsReplayed += batch.size();
            preview.processed += rows.size();
            progressed(preview);
            after = rows.get(rows.size() - 1);
            if (rows.size() < batchSize) {
                return;
            }
        }
    }

    /** Each recorded request as it was asked, at its own "now". */
    private void replayRequests(Preview preview, RuleSetDefinition definition, CompiledRuleSet serving,
                                CompiledRuleSet draft, OffsetDateTime since, Impact impact) {
        long after = 0;
        while (true) {
            List<RecordedInput> page = inputs.page(definition.name(), since, after, INPUT_PAGE);
            for (RecordedInput input : page) {
                List<?> request;
                List<?> draftRequest;
                try {
                    List<JsonNode> nodes = new ArrayList<>();
                    json.readTree(input.facts()).forEach(nodes::add);
                    request = definition.readFacts(reader, "facts", nodes);
                    draftRequest = readerOf(draft, definition).readFacts(reader, "facts", nodes);
                } catch (InvalidInputException | JsonProcessingException e) {
                    // recorded under a fact type that has changed since
                    preview.skipped++;
                    preview.processed++;
                    continue;
                }
                compare(serving, draft, new Now(input.now(), shopZone), request, draftRequest, impact);
                preview.requestsReplayed++;
                preview.processed++;
            }
            progressed(preview);
            if (page.size() < INPUT_PAGE) {
                return;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    /** Stores a running preview's progress, at most every {@link #PROGRESS_EVERY}. */
    private void progressed(Preview preview) {
        long at = System.nanoTime();
        if (at - preview.progressStoredAt >= PROGRESS_EVERY.toNanos()) {
            store.save(preview.view());
            preview.progressStoredAt = at;
        }
    }

    /**
     * What the draft reads facts with: a rule set declared in its rule files has classes of its own in
     * every version, and the serving version's facts would match none of the draft's rules.
     */
    private RuleSetDefinition readerOf(CompiledRuleSet draft, RuleSetDefinition serving) {
        RuleSetDefinition definition = ruleSets.definition(draft);
        return definition == null ? serving : definition;
    }

    private static void compare(CompiledRuleSet serving, CompiledRuleSet draft, Now now, List<?> batch, List<?> draftBatch,
                                Impact impact) {
        if (batch.isEmpty()) {
            return;
        }
        Evaluation before = serving.evaluate(now, batch);
        Evaluation after = draft.evaluate(now, draftBatch);
        impact.compare(before, after);
    }

    /** A preview's state, on the thread that runs it; {@link PreviewStore} shows it to requests. */
    private static final class Preview {
        final String id;
        final String ruleSet;
        final int days;
        final OffsetDateTime startedAt;
        final String baseVersion;
        final String draftVersion;
        long total;
        long processed;
        long factsReplayed;
        long requestsReplayed;
        long skipped;
        long progressStoredAt = System.nanoTime();
        private PreviewStatus status = PreviewStatus.RUNNING;
        private OffsetDateTime endedAt;
        private String error;
        private List<PreviewView.Change> summary;
        private List<PreviewView.Example> examples;
        private List<Rebaseline> rebaseline;

        Preview(String id, String ruleSet, int days, OffsetDateTime startedAt, String baseVersion, String draftVersion) {
            this.id = id;
            this.ruleSet = ruleSet;
            this.days = days;
            this.startedAt = startedAt;
            this.baseVersion = baseVersion;
            this.draftVersion = draftVersion;
        }

        void done(Impact impact, List<Rebaseline> offers, OffsetDateTime at) {
            rebaseline = offers;
            summary = impact.summary();
            examples = impact.examples();
            endedAt = at;
            status = PreviewStatus.DONE;
        }

        void failed(String message, OffsetDateTime at) {
            error = message;
            endedAt = at;
            status = PreviewStatus.FAILED;
        }

        PreviewView view() {
            boolean done = status == PreviewStatus.DONE;
            return new PreviewView(id, ruleSet, status, startedAt, endedAt, days, processed, total, error,
                    baseVersion, draftVersion,
                    done ? factsReplayed : null, done ? requestsReplayed : null, done ? skipped : null,
                    summary, examples, rebaseline);
        }
    }
}
