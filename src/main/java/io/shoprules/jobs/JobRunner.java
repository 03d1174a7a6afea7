package io.shoprules.jobs;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.shoprules.actions.ActionHook;
import io.shoprules.actions.ActionHooks;
import io.shoprules.actions.ActionRules;
import io.shoprules.actions.ActionRulesFile;
import io.shoprules.engine.CompiledRuleSet;
import io.shoprules.engine.EngineConfig;
import io.shoprules.engine.Evaluation;
import io.shoprules.engine.FactReader;
import io.shoprules.engine.Now;
import io.shoprules.engine.RuleDecision;
import io.shoprules.engine.RuleExecutionException;
import io.shoprules.engine.RuleSetDefinition;
import io.shoprules.engine.RuleSets;
import io.shoprules.errors.InvalidInputException;
import io.shoprules.facts.FactPages;
import io.shoprules.facts.FactStore;
import io.shoprules.facts.StoredFactRow;
import io.shoprules.facts.WriteConflicts;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs a rule set's job: streams the stored facts through the serving version of the rule set, one
 * page (batch) at a time, and writes each batch's outcome in its own transaction
 * ({@link JobBatchWriter}). Memory holds one batch, never the whole table.
 *
 * <p>Why a re-run is safe: every batch is all-or-nothing, and an action is identified by its
 * idempotency key, which is unique in the outbox. A run that dies after some batches has committed
 * exactly those; running again re-decides everything, finds the committed actions' keys and creates
 * only the missing ones. Two instances scanning at once race on the unique key; the loser's batch
 * rolls back and is redone from a fresh read, finding the winner's actions (on PostgreSQL the
 * loser's insert waits for the winner's commit and skips its keys instead: nothing to redo).
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    private final RuleSets ruleSets;
    private final FactStore facts;
    private final FactReader reader;
    private final JobBatchWriter writer;
    private final JobRuns runs;
    private final JobLeases leases;
    private final ActionHooks hooks;
    private final ActionRulesFile actionRules;
    private final JobsConfig config;
    private final Clock clock;
    private final ZoneId shopZone;
    private final MeterRegistry meters;
    /** Runs of one job never overlap on this instance, whether scheduled or started by hand. */
    private final ConcurrentMap<String, ReentrantLock> running = new ConcurrentHashMap<>();
    /** Reads and evaluates the page after the one a run is writing (one thread per run under way, idle threads end). */
    private final ExecutorService readingAhead = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "job-read-ahead");
        thread.setDaemon(true);
        return thread;
    });

    /** Writes the batches of a run beside each other (see {@link JobsConfig#writers()}). */
    private final ExecutorService batchWriting = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "job-batch-writer");
        thread.setDaemon(true);
        return thread;
    });

    public JobRunner(RuleSets ruleSets, FactStore facts, FactReader reader, JobBatchWriter writer,
                     JobRuns runs, JobLeases leases, ActionHooks hooks, ActionRulesFile actionRules, JobsConfig config,
                     EngineConfig engineConfig, Clock clock, MeterRegistry meters) {
        this.actionRules = actionRules;
        this.leases = leases;
        this.ruleSets = ruleSets;
        this.facts = facts;
        this.reader = reader;
        this.writer = writer;
        this.runs = runs;
        this.hooks = hooks;
        this.config = config;
        this.clock = clock;
        this.shopZone = engineConfig.shop().zone();
        this.meters = meters;
    }

    /**
     * Runs {@code ruleSet}'s job now and returns the finished run (SUCCEEDED, FINISHED_WITH_ERRORS or
     * FAILED; a failed run keeps the batches it wrote).
     *
     * @throws io.shoprules.errors.UnknownRuleSetException     when no feature defines it
     * @throws io.shoprules.errors.RuleSetUnavailableException when no version of it serves
     * @throws JobAlreadyRunningException                       when a run of it is under way, here or on
     *                                                          another live instance
     */
    public JobRunView run(String ruleSet, JobTrigger trigger) {
        CompiledRuleSet compiled = ruleSets.serving(ruleSet);
        // a declared rule set's facts are read with the classes of the version that judges them
        RuleSetDefinition definition = ruleSets.definition(compiled);
        ReentrantLock lock = running.computeIfAbsent(ruleSet, name -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw new JobAlreadyRunningException(ruleSet);
        }
        try {
            Optional<String> holder = takeLease(ruleSet);
            if (holder.isPresent()) {
                throw new JobAlreadyRunningException(ruleSet, holder.get());
            }
            try {
                return runHere(ruleSet, trigger, definition, compiled);
            } finally {
                leases.release(ruleSet);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The lease of the job; two first-ever takers may both create its row, and one of them then tries again. */
    private Optional<String> takeLease(String ruleSet) {
        try {
            return leases.take(ruleSet);
        } catch (RuntimeException e) {
            if (!WriteConflicts.isConflict(e)) {
                throw e;
            }
            return leases.take(ruleSet);
        }
    }

    private JobRunView runHere(String ruleSet, JobTrigger trigger, RuleSetDefinition definition, CompiledRuleSet compiled) {
        int batchSize = config.batchSize();
        long runId = runs.start(ruleSet, trigger, compiled.version(), batchSize);
        LOG.infof("job %s version %s: run %d started (%s, batches of %d)", ruleSet, compiled.version(), runId, trigger,
                batchSize);
        Timer.Sample sample = Timer.start(meters);
        String failure = null;
        try {
            scan(runId, definition, compiled, batchSize);
        } catch (RuntimeException e) {
            failure = e.toString();
            LOG.errorf(e, "job %s version %s: run %d stopped; the batches written so far stay, a re-run completes the rest",
                    ruleSet, compiled.version(), runId);
        }
        sample.stop(meters.timer("shoprules.job", "ruleSet", ruleSet));
        JobRunView finished = runs.finish(runId, failure);
        LOG.infof("job %s version %s: run %d %s: %d facts in %d batches, %d decisions, %d actions created, %d errors",
                ruleSet, compiled.version(), runId, finished.status(), finished.factsRead(), finished.batches(),
                finished.decisions(), finished.actionsCreated(), finished.errors());
        return finished;
    }

    public boolean isRunning(String ruleSet) {
        ReentrantLock lock = running.get(ruleSet);
        return lock != null && lock.isLocked();
    }

    private void scan(long runId, RuleSetDefinition definition, CompiledRuleSet compiled, int batchSize) {
        // One "now" and one version for the whole run: every batch is judged alike, even across midnight.
        Batches batches = new Batches(runId, definition, compiled, new Now(OffsetDateTime.now(clock), shopZone),
                hooks.of(definition.name()), actionRules.of(compiled), batchSize);
        // Several batches are written at once, each in its own transaction and connection: the
        // database spends most of a batch's time on its inserts and commit, and one connection keeps
        // one of its processes busy. A rule set scanned in groups writes one batch at a time: its
        // redo after a lost race reads whole groups again from where the batch before it ended.
        int writers = definition.scansInGroups() ? 1 : config.writers();
        Deque<Future<StoredBatch>> writing = new ArrayDeque<>();
        StoredFactRow after = null;
        // Pages ahead: the next one evaluated and the one after it read, while this one is written.
        Ahead ahead = new Ahead(batches, null);
        try {
            for (long batchNumber = 1; ; batchNumber++) {
                Judged judged = await(ahead.judging);
                StoredBatch batch = judged.batch();
                if (batch.rows() == 0) {
                    break;
                }
                ahead.next();
                long number = batchNumber;
                StoredFactRow from = after;
                if (writers == 1) {
                    StoredBatch written = batches.write(number, from, judged, false);
                    if (written != batch) {
                        // redone from a fresh read, its page may end elsewhere: the next starts after it
                        ahead.cancel();
                        if (written.rows() == 0) {
                            break;
                        }
                        batch = written;
                        if (batch.rows() >= batchSize) {
                            ahead = new Ahead(batches, batch.last());
                        }
                    }
                } else {
                    while (writing.size() >= writers) {
                        await(writing.removeFirst());
                    }
                    writing.addLast(batchWriting.submit(() -> batches.write(number, from, judged, true)));
                }
                after = batch.last();
                if (batch.rows() < batchSize) {
                    break;
                }
            }
            while (!writing.isEmpty()) {
                await(writing.removeFirst());
            }
        } catch (RuntimeException e) {
            ahead.cancel();
            // the run ends once nothing of it is still writing: its counters are final then
            for (Future<StoredBatch> next : writing) {
                try {
                    next.get();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (ExecutionException ignored) {
                    // this batch's own failure is logged with the run's; the first one stops it
                }
            }
            throw e;
        }
    }

    /**
     * The pages after the one being written: the next one read and being evaluated, and the one
     * after it being read meanwhile, so the database answers a page query while the JVM parses and
     * evaluates the page before. At most two pages are ahead of the one being written.
     */
    private final class Ahead {
        private final Batches batches;
        private CompletableFuture<Judged> judging;
        private CompletableFuture<StoredBatch> reading;

        /** From the page after {@code after} (the first page when null). */
        Ahead(Batches batches, StoredFactRow after) {
            this.batches = batches;
            CompletableFuture<StoredBatch> read = CompletableFuture.supplyAsync(() -> batches.read(after), readingAhead);
            judging = read.thenApplyAsync(batches::judged, readingAhead);
            reading = read.thenApplyAsync(batches::readAfter, readingAhead);
        }

        /** The page taken from {@link #judging} is being written: evaluate the next, read the one after. */
        void next() {
            CompletableFuture<StoredBatch> read = reading;
            judging = read.thenApplyAsync(batches::judged, readingAhead);
            reading = read.thenApplyAsync(batches::readAfter, readingAhead);
        }

        void cancel() {
            judging.cancel(false);
            reading.cancel(false);
        }
    }

    /** One run's batches: how each page is judged, and written (redone from a fresh read after a lost race). */
    private final class Batches {
        private final long runId;
        private final RuleSetDefinition definition;
        private final CompiledRuleSet compiled;
        private final Now now;
        private final ActionHook hook;
        private final ActionRules rules;
        private final int batchSize;

        Batches(long runId, RuleSetDefinition definition, CompiledRuleSet compiled, Now now, ActionHook hook,
                ActionRules rules, int batchSize) {
            this.runId = runId;
            this.definition = definition;
            this.compiled = compiled;
            this.now = now;
            this.hook = hook;
            this.rules = rules;
            this.batchSize = batchSize;
        }

        /** The page after row {@code after} (from the start when null). */
        StoredBatch read(StoredFactRow after) {
            return JobRunner.this.read(definition, page(definition, after, batchSize));
        }

        /** The page after {@code batch}; none when {@code batch} was the last. */
        StoredBatch readAfter(StoredBatch batch) {
            return batch.rows() < batchSize ? StoredBatch.NONE : read(batch.last());
        }

        /**
         * Writes a judged page; after a lost race, reads it afresh (the redo must see the winner's
         * fact updates) and tries again. {@code sameRows}: the redo reads the same id range, for a
         * batch written beside the next ones; otherwise the page after {@code from}, which may end
         * elsewhere.
         *
         * @return the batch as written: {@code judged}'s own, or the redo's
         */
        StoredBatch write(long batchNumber, StoredFactRow from, Judged judged, boolean sameRows) {
            String lastId = judged.batch().last().factId();
            for (int attempt = 1; ; attempt++) {
                StoredBatch batch = judged.batch();
                if (batch.rows() == 0) {
                    return batch;
                }
                Evaluated evaluated = judged.evaluated();
                try {
                    writer.write(runId, batchNumber, hook, rules, definition, now, batch, evaluated.evaluation(),
                            judged.texts(), evaluated.errors(), evaluated.lastError());
                    return batch;
                } catch (RuntimeException e) {
                    if (attempt >= config.batchAttempts() || !WriteConflicts.isConflict(e)) {
                        throw e;
                    }
                    LOG.infof("job %s run %d: batch %d met a concurrent write (another instance?), redoing it (attempt %d)",
                            definition.name(), runId, batchNumber, attempt + 1);
                    judged = judged(JobRunner.this.read(definition, sameRows
                            ? facts.range(definition.name(), from == null ? FactPages.START : from.factId(), lastId)
                            : page(definition, from, batchSize)));
                }
            }
        }

        Judged judged(StoredBatch batch) {
            if (batch.rows() == 0) {
                return new Judged(batch, null, List.of());
            }
            Evaluated evaluated = evaluate(compiled, now, batch);
            return new Judged(batch, evaluated, writer.jsonOf(evaluated.evaluation()));
        }
    }

    /** A page read and evaluated, with its decisions' JSON: ready to be written. */
    private record Judged(StoredBatch batch, Evaluated evaluated, List<String> texts) {
    }

    private static <T> T await(Future<T> ahead) {
        try {
            return ahead.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading or writing a batch", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException completion && completion.getCause() != null
                    ? completion.getCause() : e.getCause();
            if (cause instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("reading or writing a batch failed", cause);
        }
    }

    @PreDestroy
    void stopReadingAhead() {
        readingAhead.shutdownNow();
        batchWriting.shutdownNow();
    }

    /** The next page; for a rule set scanned in groups, whole groups only (a page may then run longer). */
    private List<StoredFactRow> page(RuleSetDefinition definition, StoredFactRow after, int batchSize) {
        if (definition.scansInGroups()) {
            return facts.groupPage(definition.name(), after, batchSize);
        }
        return facts.page(definition.name(), after == null ? FactPages.START : after.factId(), batchSize);
    }

    private StoredBatch read(RuleSetDefinition definition, List<StoredFactRow> rows) {
        List<StoredBatch.Fact> read = new ArrayList<>(rows.size());
        int errors = 0;
        String lastError = null;
        for (StoredFactRow row : rows) {
            try {
                Object fact = definition.readStoredFact(reader, "fact", row.payload());
                read.add(new StoredBatch.Fact(row.factId(), row.contentHash(), fact, row.scanGroup()));
            } catch (InvalidInputException e) {
                errors++;
                lastError = "stored " + definition.name() + " fact '" + row.factId() + "' cannot be read: " + e.getMessage();
                LOG.warn(lastError);
            }
        }
        return new StoredBatch(rows.size(), read, errors, lastError, rows.isEmpty() ? null : rows.get(rows.size() - 1));
    }

    private record Evaluated(Evaluation evaluation, int errors, String lastError) {
    }

    /**
     * The batch in one session (one per variant while an experiment splits the rule set); if a rule
     * fails, fact by fact, so one bad fact costs only itself.
     */
    private Evaluated evaluate(CompiledRuleSet compiled, Now now, StoredBatch batch) {
        List<Object> values = new ArrayList<>(batch.facts().size());
        for (StoredBatch.Fact fact : batch.facts()) {
            values.add(fact.value());
        }
        try {
            return new Evaluated(ruleSets.evaluate(compiled, now, values), 0, null);
        } catch (RuleExecutionException batchFailure) {
            List<RuleDecision> decisions = new ArrayList<>();
            int errors = 0;
            String lastError = null;
            for (StoredBatch.Fact fact : batch.facts()) {
                try {
                    decisions.addAll(ruleSets.evaluate(compiled, now, List.of(fact.value())).decisions());
                } catch (RuleExecutionException e) {
                    errors++;
                    lastError = "a rule failed on stored " + compiled.name() + " fact '" + fact.id() + "': " + e.getMessage();
                    LOG.error(lastError, e);
                }
            }
            return new Evaluated(new Evaluation(compiled.name(), compiled.version(), now.at(), decisions), errors, lastError);
        }
    }
}
