package io.shoprules.jobs;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.shoprules.engine.EngineConfig;
import io.shoprules.engine.RuleSetDefinition;
import io.shoprules.errors.RuleSetUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Schedules one job per rule set a feature defines, and per rule set with a configured cron (those
 * declared in their rule files), on the cron of {@code shoprules.jobs.<rule-set>.cron}. Every cron is checked at start-up: a bad one stops the
 * service with the property's name. Overlapping runs of one job are skipped (the scheduler's
 * SKIP, and {@link JobRunner}'s lock against runs started by hand).
 */
@ApplicationScoped
public class JobSchedules {

    private static final Logger LOG = Logger.getLogger(JobSchedules.class);

    private final Map<String, String> crons;
    private final JobsConfig config;
    private final EngineConfig engineConfig;
    private final JobRunner runner;
    private volatile boolean scheduled;

    public JobSchedules(Instance<RuleSetDefinition> definitions, JobsConfig config, EngineConfig engineConfig,
                        JobRunner runner) {
        this.config = config;
        this.engineConfig = engineConfig;
        this.runner = runner;
        Map<String, String> configured = new TreeMap<>();
        config.ruleSets().forEach((ruleSet, job) -> job.cron().ifPresent(cron -> configured.put(ruleSet, cron)));
        // Rule sets typed in Java have a job whether configured or not; a rule set declared in its rule
        // files has one once its cron is configured (the folder may appear only after start-up).
        java.util.Set<String> ruleSets = new java.util.TreeSet<>(configured.keySet());
        definitions.stream().map(RuleSetDefinition::name).forEach(ruleSets::add);
        this.crons = Collections.unmodifiableMap(cronsOf(ruleSets, configured, config.defaultCron()));
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

    void scheduleAtStartup(@Observes StartupEvent event, Scheduler scheduler) {
        if (!config.enabled()) {
            LOG.infof("scheduled jobs are off (shoprules.jobs.enabled=false); crons checked: %s", crons);
            return;
        }
        crons.forEach((ruleSet, cron) -> {
            if (CronCheck.isOff(cron)) {
                LOG.infof("job %s: no schedule (cron off)", ruleSet);
                return;
            }
            scheduler.newJob("job-" + ruleSet)
                    .setCron(cron)
                    .setTimeZone(engineConfig.shop().zone().getId())
                    .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                    .setTask(execution -> runScheduled(ruleSet))
                    .schedule();
            LOG.infof("job %s: scheduled at '%s' (%s)", ruleSet, cron, engineConfig.shop().zone());
        });
        scheduled = true;
    }

    private void runScheduled(String ruleSet) {
        try {
            runner.run(ruleSet, JobTrigger.SCHEDULE);
        } catch (JobAlreadyRunningException e) {
            LOG.infof("job %s: scheduled run skipped, a run is under way", ruleSet);
        } catch (RuleSetUnavailableException e) {
            LOG.warnf("job %s: scheduled run skipped: %s", ruleSet, e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "job %s: scheduled run failed", ruleSet);
        }
    }

    /** Every rule set with a job, and its cron ("off" for none). */
    public Map<String, String> crons() {
        return crons;
    }

    public boolean isScheduled(String ruleSet) {
        return scheduled && !CronCheck.isOff(crons.getOrDefault(ruleSet, CronCheck.OFF));
    }
}
