package io.shoprules.experiments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.shoprules.engine.CompiledRuleSet;
import io.shoprules.engine.FirstLoadUnderWay;
import io.shoprules.engine.RuleSetDefinition;
import io.shoprules.engine.RuleSetSource;
import io.shoprules.engine.RuleSets;
import io.shoprules.engine.TrafficSplit;
import io.shoprules.errors.RuleSetUnavailableException;
import io.shoprules.versions.VersionHistory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The experiments this instance serves: for each running experiment in the database, its
 * challenger compiled from the stored files. Every instance compiles the same bytes, so every
 * instance serves the same challenger version; each looks at the table at start-up and every
 * {@code shoprules.experiments.refresh-every}, so a start, stop or promotion made on another
 * instance reaches it within that time.
 *
 * <p>While an experiment runs, it splits each evaluation of its rule set by subject ({@link Bucket}):
 * the challenger decides for the subjects in its share, the serving champion for the others. An
 * experiment found past its {@code endsAt}, on use or by the refresh, stops itself (ENDED).
 */
@ApplicationScoped
public class RunningExperiments implements TrafficSplit {

    private static final Logger LOG = Logger.getLogger(RunningExperiments.class);
    static final TypeReference<TreeMap<String, String>> FILES = new TypeReference<>() { };

    /** What a running experiment needs on the request path. */
    record Running(long id, String ruleSet, String name, int share, SubjectField subject, Instant endsAt,
                   CompiledRuleSet challenger, RuleSetDefinition definition) {

        boolean endedAt(Instant now) {
            return endsAt != null && !now.isBefore(endsAt);
        }
    }

    private final RuleSets ruleSets;
    private final VersionHistory history;
    private final ObjectMapper json;
    private final Clock clock;
    private final ExperimentsConfig config;
    private final ConcurrentMap<String, Running> byRuleSet = new ConcurrentHashMap<>();
    /** Experiments whose stored challenger did not compile here (logged once, not compiled again and again). */
    private final Set<Long> unservable = ConcurrentHashMap.newKeySet();
    /** Set at start-up, open once the table has been read then, or that read failed. */
    private volatile CountDownLatch firstRead;

    public RunningExperiments(RuleSets ruleSets, VersionHistory history, ObjectMapper json, Clock clock,
                              ExperimentsConfig config) {
        this.ruleSets = ruleSets;
        this.config = config;
        this.history = history;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Reads the table on a thread of its own: the first read is Hibernate's first query of the start
     * (its query parser loads and warms up, most of a second on a small machine), and the HTTP port
     * opens only once the start-up observers return. Splits wait for that read ({@link #split}).
     */
    void loadAtStartup(@Observes StartupEvent event) {
        CountDownLatch read = new CountDownLatch(1);
        firstRead = read;
        Thread reader = new Thread(() -> {
            try {
                refresh();
                LOG.infof("experiments: %d running, the table read again every %s", byRuleSet.size(), config.refreshEvery());
            } catch (RuntimeException e) {
                LOG.warnf("experiments: the running experiments could not be read at start-up, read again every %s: %s",
                        config.refreshEvery(), e.toString());
            } finally {
                read.countDown();
            }
        }, "experiments-first-read");
        reader.setDaemon(true);
        reader.start();
    }

    /** Not while the first load runs: the read at start-up ({@link #loadAtStartup}) has just read the table. */
    @Scheduled(identity = "experiments-refresh", every = "${shoprules.experiments.refresh-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = FirstLoadUnderWay.class)
    void refreshOnSchedule() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // the database is away: keep serving what was read last, and read again next time
            LOG.warnf("experiments: the running experiments could not be read, %d served as before: %s",
                    byRuleSet.size(), e.toString());
        }
    }

    /**
     * Brings what this instance serves in line with the running experiments in the database: compiles
     * the challengers it does not serve yet, drops those no longer running, ends those past {@code endsAt}.
     */
    synchronized void refresh() {
        List<Experiment> rows = QuarkusTransaction.requiringNew().call(RunningExperiments::runningRows);
        Set<Long> runningIds = new HashSet<>();
        Instant now = clock.instant();
        for (Experiment row : rows) {
            if (row.endsAt != null && !now.isBefore(row.endsAt.toInstant())) {
                end(row.id);
                continue;
            }
            runningIds.add(row.id);
            Running current = byRuleSet.get(row.ruleSet);
            if ((current != null && current.id() == row.id) || unservable.contains(row.id)) {
                continue;
            }
            try {
                CompiledRuleSet challenger = ruleSets.compile(new RuleSetSource(row.ruleSet, history.filesByHash(read(row.files))));
                RuleSetDefinition definition = ruleSets.definition(row.ruleSet);
                serve(row, challenger, SubjectField.of(json, definition.factType(), row.subjectField), definition);
                LOG.infof("rule set %s: experiment %s serves challenger %s to %d%% of subjects by %s", row.ruleSet,
                        row.name, challenger.version(), row.share, row.subjectField);
            } catch (RuleSetUnavailableException e) {
                // the rule set is still loading (a start): its declared types are not known yet, the next refresh tries again
                LOG.debugf("rule set %s: experiment %s waits for the rule set to serve", row.ruleSet, row.name);
            } catch (RuntimeException e) {
                unservable.add(row.id);
                LOG.errorf(e, "rule set %s: the stored challenger of experiment %s cannot be served here; the champion"
                        + " decides for every subject on this instance", row.ruleSet, row.name);
            }
        }
        byRuleSet.values().removeIf(running -> !runningIds.contains(running.id()));
    }

    /**
     * The rows of the running experiments, in SQL rather than HQL: at start-up the parser's first use
     * (ANTLR building its prediction tables) took CPU from the rule sets' loading, and a decision
     * asked before this read ends waits for it ({@link #split}).
     */
    @SuppressWarnings("unchecked")
    private static List<Experiment> runningRows() {
        return Experiment.getEntityManager().createNativeQuery("select * from experiment where status = ?1", Experiment.class)
                .setParameter(1, Experiment.Status.RUNNING.name())
                .getResultList();
    }

    /**
     * Starts serving {@code row}'s challenger here. Synchronized with {@link #refresh}: a refresh that
     * read the table just before an experiment's row was committed, and ended just after this put
     * it in, dropped it again as not running, and its decisions went without a variant until the
     * next refresh (seen in CI as a decision without {@code experiment} right after the start).
     */
    synchronized void serve(Experiment row, CompiledRuleSet challenger, SubjectField subject, RuleSetDefinition definition) {
        byRuleSet.put(row.ruleSet, new Running(row.id, row.ruleSet, row.name, row.share, subject,
                row.endsAt == null ? null : row.endsAt.toInstant(), challenger, definition));
    }

    /** Stops serving experiment {@code id} here (it was stopped or promoted); synchronized as {@link #serve} is. */
    synchronized void forget(String ruleSet, long id) {
        byRuleSet.computeIfPresent(ruleSet, (name, running) -> running.id() == id ? null : running);
    }

    /** The experiment served for {@code ruleSet}, if any (for its results and tests). */
    Running serving(String ruleSet) {
        return byRuleSet.get(ruleSet);
    }

    /**
     * Splits {@code facts} while an experiment runs for their rule set. Until the table has been read
     * at start-up, waits for that read, at most one refresh interval: past it the champion decides,
     * as it does on any instance that has not read a newly started experiment yet.
     */
    @Override
    public List<Part> split(CompiledRuleSet serving, List<?> facts) {
        CountDownLatch read = firstRead;
        if (read != null && read.getCount() > 0) {
            try {
                read.await(config.refreshEvery().toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Running running = byRuleSet.get(serving.name());
        if (running == null) {
            return null;
        }
        if (running.endedAt(clock.instant())) {
            if (byRuleSet.remove(serving.name(), running)) {
                end(running.id());
            }
            return null;
        }
        List<Object> champion = new ArrayList<>();
        List<Object> challenger = new ArrayList<>();
        Map<String, String> championSubjects = new HashMap<>();
        Map<String, String> challengerSubjects = new HashMap<>();
        for (Object fact : facts) {
            String subject = running.subject().valueOf(fact);
            // a fact without a subject cannot be assigned: the champion decides it
            boolean inChallenger = subject != null && Bucket.of(running.name(), subject) < running.share();
            (inChallenger ? challenger : champion).add(fact);
            String factId = running.definition().factId(fact);
            if (subject != null && factId != null) {
                (inChallenger ? challengerSubjects : championSubjects).put(factId, subject);
            }
        }
        return List.of(new Part(serving, champion, running.name(), Bucket.CHAMPION, championSubjects),
                new Part(running.challenger(), challenger, running.name(), Bucket.CHALLENGER, challengerSubjects));
    }

    /** Marks experiment {@code id} ENDED at its {@code endsAt}, unless something stopped it first. */
    private void end(long id) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Experiment row = Experiment.findById(id);
                if (row != null && row.running()) {
                    row.stop(Experiment.Status.ENDED, row.endsAt, "endsAt");
                    LOG.infof("rule set %s: experiment %s ended at %s", row.ruleSet, row.name, row.endsAt);
                }
            });
        } catch (RuntimeException e) {
            // the next refresh tries again; meanwhile the champion decides for everyone
            LOG.warnf("experiment %d is past its end but could not be marked ENDED: %s", id, e.toString());
        }
    }

    private Map<String, String> read(String text) {
        try {
            return json.readValue(text, FILES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an experiment row whose files are not JSON", e);
        }
    }
}
