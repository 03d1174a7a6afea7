package io.shoprules.console;

import io.shoprules.jobs.JobRunner;
import io.shoprules.jobs.JobTrigger;
import io.shoprules.jobs.JobAlreadyRunningException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs a job from the console without holding the page: the run goes on in the background and
 * the jobs page shows its progress, read from the run's row as each batch is written.
 */
@ApplicationScoped
public class ConsoleJobs {

    private static final Logger LOG = Logger.getLogger(ConsoleJobs.class);

    private final JobRunner runner;
    private final ExecutorService background = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "console-job-run");
        thread.setDaemon(true);
        return thread;
    });

    public ConsoleJobs(JobRunner runner) {
        this.runner = runner;
    }

    /** Starts a run of the rule set's job; false when one is under way already. */
    public boolean start(String ruleSet, String operator) {
        if (runner.isRunning(ruleSet)) {
            return false;
        }
        LOG.infof("job %s: run started from the console by %s", ruleSet, operator);
        background.execute(() -> {
            try {
                runner.run(ruleSet, JobTrigger.MANUAL);
            } catch (JobAlreadyRunningException e) {
                LOG.infof("job %s: a run was under way already", ruleSet);
            } catch (RuntimeException e) {
                LOG.errorf(e, "job %s: the run started from the console failed", ruleSet);
            }
        });
        return true;
    }

    @PreDestroy
    void stop() {
        background.shutdownNow();
    }
}
