package io.shoprules.jobs;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import io.shoprules.cluster.ThisInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/** The {@code job_run} table: one row per run, started, advanced per batch, finished. */
@ApplicationScoped
public class JobRuns {

    private static final Logger LOG = Logger.getLogger(JobRuns.class);
    private static final int MAX_ERROR = 2000;

    private final EntityManager entityManager;
    private final DataSource dataSource;
    private final Clock clock;
    private final String instance;

    public JobRuns(EntityManager entityManager, DataSource dataSource, Clock clock, ThisInstance instance) {
        this.entityManager = entityManager;
        this.dataSource = dataSource;
        this.clock = clock;
        this.instance = instance.name();
    }

    /**
     * At start-up no run of this instance is under way, so any of its runs still RUNNING was cut off
     * by a kill or crash: it would have shown RUNNING for ever. Runs of other instances are theirs.
     *
     * <p>One plain JDBC statement, committed on its own: as an HQL update it put the first use of
     * Hibernate's query parser (ANTLR building its prediction tables) on the main thread, before the
     * port opens. It still runs before the port opens, so no run started through the API can be
     * taken for an orphan.
     */
    void abandonOrphans(@Observes StartupEvent event) throws SQLException {
        int abandoned;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("update job_run set status = ?, ended_at = ?,"
                     + " last_error = ? where status = ? and instance_name = ?")) {
            update.setString(1, JobStatus.ABANDONED.name());
            update.setObject(2, OffsetDateTime.now(clock));
            update.setString(3, "instance " + instance + " stopped during the run and was started again");
            update.setString(4, JobStatus.RUNNING.name());
            update.setString(5, instance);
            abandoned = update.executeUpdate();
        }
        if (abandoned > 0) {
            LOG.warnf("%d job runs of instance %s were left RUNNING by its last life: marked ABANDONED", abandoned, instance);
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long start(String ruleSet, JobTrigger trigger, String version, int batchSize) {
        JobRun run = new JobRun();
        run.ruleSet = ruleSet;
        run.triggeredBy = trigger;
        run.status = JobStatus.RUNNING;
        run.version = version;
        run.batchSize = batchSize;
        run.startedAt = OffsetDateTime.now(clock);
        run.instanceName = instance;
        entityManager.persist(run);
        entityManager.flush();
        return run.id;
    }

    /** Counts one written batch, in that batch's transaction: the counters never run ahead of the data. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void addBatch(long runId, int facts, int decisions, int actionsCreated, int errors, String lastError) {
        var update = entityManager.createQuery("update JobRun r set r.factsRead = r.factsRead + :facts, r.batches = r.batches + 1,"
                        + " r.decisions = r.decisions + :decisions, r.actionsCreated = r.actionsCreated + :actions,"
                        + " r.errors = r.errors + :errors" + (lastError == null ? "" : ", r.lastError = :lastError")
                        + " where r.id = :id")
                .setParameter("facts", (long) facts)
                .setParameter("decisions", (long) decisions)
                .setParameter("actions", (long) actionsCreated)
                .setParameter("errors", (long) errors)
                .setParameter("id", runId);
        if (lastError != null) {
            update.setParameter("lastError", cut(lastError));
        }
        update
                .executeUpdate();
    }

    /** Ends a run; {@code failure} is what stopped it, null when it went through. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public JobRunView finish(long runId, String failure) {
        JobRun run = entityManager.find(JobRun.class, runId);
        run.endedAt = OffsetDateTime.now(clock);
        if (failure != null) {
            run.status = JobStatus.FAILED;
            run.lastError = cut(failure);
        } else {
            run.status = run.errors > 0 ? JobStatus.FINISHED_WITH_ERRORS : JobStatus.SUCCEEDED;
        }
        return JobRunView.of(run);
    }

    /** The newest {@code count} runs of a rule set's job, newest first. */
    public List<JobRunView> recent(String ruleSet, int count) {
        return JobRun.<JobRun>find("ruleSet", Sort.descending("startedAt").and("id", Sort.Direction.Descending), ruleSet)
                .page(Page.ofSize(count)).list().stream().map(JobRunView::of).toList();
    }

    /**
     * Runs of {@code ruleSet} that {@code instance} left RUNNING when it went silent: another
     * instance has taken the job over, so they ended there.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int abandonRunsOf(String ruleSet, String instance) {
        return entityManager.createQuery("update JobRun r set r.status = :abandoned, r.endedAt = :now,"
                        + " r.lastError = :why where r.status = :running and r.instanceName = :instance and r.ruleSet = :ruleSet")
                .setParameter("abandoned", JobStatus.ABANDONED)
                .setParameter("now", OffsetDateTime.now(clock))
                .setParameter("why", "instance " + instance + " stopped answering during the run; "
                        + this.instance + " took the job over")
                .setParameter("running", JobStatus.RUNNING)
                .setParameter("instance", instance)
                .setParameter("ruleSet", ruleSet)
                .executeUpdate();
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR);
    }
}
