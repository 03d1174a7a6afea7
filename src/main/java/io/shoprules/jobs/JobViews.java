package io.shoprules.jobs;

import io.shoprules.errors.UnknownRuleSetException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;

/** Each rule set's job as the API and the console show it: schedule, next run, whether it runs, last runs. */
@ApplicationScoped
public class JobViews {

    private final JobSchedules schedules;
    private final JobRunner runner;
    private final JobRuns runs;
    private final JobsConfig config;
    private final Clock clock;

    public JobViews(JobSchedules schedules, JobRunner runner, JobRuns runs, JobsConfig config, Clock clock) {
        this.schedules = schedules;
        this.runner = runner;
        this.runs = runs;
        this.config = config;
        this.clock = clock;
    }

    /** Every job, by rule set name. */
    public List<JobView> all() {
        return schedules.crons().keySet().stream().sorted().map(this::view).toList();
    }

    /** @throws UnknownRuleSetException when the rule set has no job */
    public JobView of(String ruleSet) {
        if (!schedules.crons().containsKey(ruleSet)) {
            throw new UnknownRuleSetException(ruleSet);
        }
        return view(ruleSet);
    }

    private JobView view(String ruleSet) {
        return new JobView(ruleSet, schedules.crons().get(ruleSet), schedules.isScheduled(ruleSet),
                schedules.nextRun(ruleSet, clock.instant()).orElse(null), runner.isRunning(ruleSet),
                runs.recent(ruleSet, config.runsShown()));
    }
}
