package io.shoprules.jobs;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.shoprules.cluster.ClusterConfig;
import io.shoprules.cluster.ThisInstance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import io.shoprules.engine.EngineConfig;
import io.shoprules.engine.RuleSetDefinition;
import io.shoprules.engine.RuleSets;
import io.shoprules.errors.RuleSetUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import javax.sql.DataSource;
import java.util.TreeMap;

/**
 * Schedules one job per rule set a feature defines, and per rule set with a configured cron (those
 * declared in their rule files), on the cron of {@code shoprules.jobs.<rule-set>.cron}, in
 * Quartz's clustered JDBC job store: however many instances share the database, each period fires
 * once, on one of them. Every cron is checked at start-up: a bad one stops the service with the
 * property's name. Runs of one job never overlap (Quartz's non-concurrent jobs, and
 * {@link JobRunner}'s lease against runs started by hand).
 */
@ApplicationScoped
public class JobSchedules {

    private static final Logger LOG = Logger.getLogger(JobSchedules.class);
    private static final String GROUP = "rule-set-jobs";
    private static final String RULE_SET = "ruleSet";
    /** Tries of a recovered run while the dead holder's lease is still fresh. */
    private static final int RECOVERY_ATTEMPTS = 4;

    private final Map<String, String> crons;
    private final JobsConfig config;
    private final EngineConfig engineConfig;
    private final JobRunner runner;
    private final DataSource dataSource;
    private final String databaseKind;
    private final ThisInstance instance;
    private final ClusterConfig cluster;
    private final RuleSets ruleSets;
    private volatile Scheduler scheduler;
    private volatile boolean scheduled;

    public JobSchedules(Instance<RuleSetDefinition> definitions, JobsConfig config, EngineConfig engineConfig,
                        JobRunner runner, DataSource dataSource,
                        @ConfigProperty(name = "quarkus.datasource.db-kind") String databaseKind,
                        ThisInstance instance, ClusterConfig cluster, RuleSets ruleSets) {
        this.config = config;
        this.ruleSets = ruleSets;
        this.engineConfig = engineConfig;
        this.runner = runner;
        this.dataSource = dataSource;
        this.databaseKind = databaseKind;
        this.instance = instance;
        this.cluster = cluster;
        Map<String, String> configured = new TreeMap<>();
        config.ruleSets().forEach((ruleSet, job) -> job.cron().ifPresent(cron -> configured.put(ruleSet, cron)));
        // Rule sets typed in Java have a job whether configured or not; a rule set declared in its rule
        // files has one once its cron is configured (the folder may appear only after start-up).
        java.util.Set<String> names = new java.util.TreeSet<>(configured.keySet());
        definitions.stream().map(RuleSetDefinition::name).forEach(names::add);
        this.crons = Collections.unmodifiableMap(cronsOf(names, configured, config.defaultCron()));
    }

    /**
     * The checked cron of each rule set.
     *
     * @throws InvalidCronException naming the first property whose value is not a cron expression
     */
    static Map<String, String> cronsOf(Iterable<String> ruleSets, Map<String, String> configured, String defaultCron) {
        String fallback = CronCheck.check("shoprules.jobs.default-cron", defaultCron);
        Map<String, String> crons = new TreeMap<>();
        for (String ruleSet : ruleSets) {
            String property = "shoprules.jobs." + ruleSet + ".cron";
            String cron = configured.get(ruleSet);
            crons.put(ruleSet, cron == null ? fallback : CronCheck.check(property, cron));
        }
        return crons;
    }

    /**
     * Starts the scheduler once the rule sets have loaded: a run fired before would find its rule set
     * not serving yet, and the scheduler's start (its tables, the triggers) need not hold up the first
     * decision. With the rule sets loaded before the port opens, that is still during the start-up, and
     * a scheduler that cannot start stops it.
     */
    void scheduleAtStartup(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.infof("scheduled jobs are off (shoprules.jobs.enabled=false); crons checked: %s", crons);
            return;
        }
        ruleSets.afterStartUp(this::startScheduler);
    }

    private void startScheduler() {
        try {
            scheduler = ClusteredScheduler.start(dataSource, databaseKind, instance.name(), cluster.schedulerCheckin(),
                    (bundle, quartz) -> new RuleSetScan(this));
            for (Map.Entry<String, String> job : crons.entrySet()) {
                schedule(job.getKey(), job.getValue());
            }
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("the job scheduler could not start: " + e.getMessage(), e);
        }
        scheduled = true;
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            try {
                // runs in progress are not awaited: a run cut off here is completed by the next one
                scheduler.shutdown(false);
            } catch (SchedulerException e) {
                LOG.warnf("the job scheduler did not stop cleanly: %s", e.getMessage());
            }
        }
    }

    /**
     * Stores the rule set's job and its trigger in the shared job store, replacing what an
     * instance stored before: every instance starts with the same crons, so the last one to start
     * decides nothing new, and a changed cron takes effect when its instance starts.
     */
    private void schedule(String ruleSet, String cron) throws SchedulerException {
        JobKey key = JobKey.jobKey(ruleSet, GROUP);
        if (CronCheck.isOff(cron)) {
            scheduler.deleteJob(key);
            LOG.infof("job %s: no schedule (cron off)", ruleSet);
            return;
        }
        JobDetail job = JobBuilder.newJob(RuleSetScan.class)
                .withIdentity(key)
                .usingJobData(RULE_SET, ruleSet)
                .requestRecovery(true)
                .storeDurably()
                .build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(TriggerKey.triggerKey(ruleSet, GROUP))
                .forJob(key)
                .withSchedule(CronScheduleBuilder.cronSchedule(cron)
                        .inTimeZone(TimeZone.getTimeZone(engineConfig.shop().zone()))
                        // periods missed while every instance was down run once, not once per period
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
        scheduler.scheduleJob(job, Set.of(trigger), true);
        LOG.infof("job %s: scheduled at '%s' (%s), once per period across the instances", ruleSet, cron,
                engineConfig.shop().zone());
    }

    /**
     * One fire of a rule set's trigger. Quartz keeps one fire of a job running at a time across
     * the cluster, and re-fires it on another instance when the one running it dies.
     */
    @DisallowConcurrentExecution
    public static final class RuleSetScan implements Job {

        private final JobSchedules schedules;

        RuleSetScan(JobSchedules schedules) {
            this.schedules = schedules;
        }

        @Override
        public void execute(JobExecutionContext context) {
            schedules.runScheduled(context.getMergedJobDataMap().getString(RULE_SET), context.isRecovering());
        }
    }

    private void runScheduled(String ruleSet, boolean recovering) {
        for (int attempt = 1; ; attempt++) {
            try {
                runner.run(ruleSet, JobTrigger.SCHEDULE);
                return;
            } catch (JobAlreadyRunningException e) {
                // a recovered run may come before the dead instance's heartbeat has gone stale: wait that out
                if (!recovering || attempt >= RECOVERY_ATTEMPTS) {
                    LOG.infof("job %s: scheduled run skipped: %s", ruleSet, e.getMessage());
                    return;
                }
                sleep(cluster.staleAfter().dividedBy(2));
            } catch (RuleSetUnavailableException e) {
                LOG.warnf("job %s: scheduled run skipped: %s", ruleSet, e.getMessage());
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "job %s: scheduled run failed", ruleSet);
                return;
            }
        }
    }

    private static void sleep(java.time.Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every rule set with a job, and its cron ("off" for none). */
    public Map<String, String> crons() {
        return crons;
    }

    /**
     * When the rule set's schedule fires next after {@code now}, its cron read in the shop's time
     * zone as the trigger reads it; empty when it does not run on this instance's schedules.
     */
    public java.util.Optional<java.time.Instant> nextRun(String ruleSet, java.time.Instant now) {
        if (!isScheduled(ruleSet)) {
            return java.util.Optional.empty();
        }
        try {
            org.quartz.CronExpression cron = new org.quartz.CronExpression(crons.get(ruleSet));
            cron.setTimeZone(TimeZone.getTimeZone(engineConfig.shop().zone()));
            return java.util.Optional.ofNullable(cron.getNextValidTimeAfter(java.util.Date.from(now)))
                    .map(java.util.Date::toInstant);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("a cron checked at start-up no longer reads: " + crons.get(ruleSet), e);
        }
    }

    public boolean isScheduled(String ruleSet) {
        return scheduled && !CronCheck.isOff(crons.getOrDefault(ruleSet, CronCheck.OFF));
    }
}
