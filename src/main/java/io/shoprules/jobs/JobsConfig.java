package io.shoprules.jobs;

import io.shoprules.settings.Bounds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

import java.util.Map;
import java.util.Optional;

/**
 * The scheduled re-checks of stored facts. Each rule set's cron is
 * {@code shoprules.jobs.<rule-set>.cron} (Quartz syntax, judged in the shop's time zone;
 * {@code off} disables that job), falling back to {@link #defaultCron()}.
 */
@ConfigMapping(prefix = "shoprules.jobs")
public interface JobsConfig {

    /** Whether jobs run on their schedules (they can always be run by hand). */
    @WithDefault("true")
    boolean enabled();

    /** Facts read, evaluated and written per transaction. */
    @WithDefault("500")
    @Bounds(min = 1, max = 10_000)
    int batchSize();

    /**
     * Batches of one run written at the same time, each in its own transaction: the database works
     * on several while the next page is read and judged. Rule sets scanned in groups write one at a
     * time.
     */
    @WithDefault("2")
    @Bounds(min = 1, max = 16)
    int writers();

    /** The schedule of a rule set that has no {@code shoprules.jobs.<rule-set>.cron}. */
    @WithDefault("0 0 4 * * ?")
    String defaultCron();

    /** Attempts at one batch that met a concurrent write (a second instance) before the run fails. */
    @WithDefault("5")
    @Bounds(min = 1)
    int batchAttempts();

    /** Runs per job that {@code GET /api/jobs} shows. */
    @WithDefault("5")
    @Bounds(min = 1, max = 100)
    int runsShown();

    /** {@code shoprules.jobs.<rule-set>.cron}, by rule-set name. */
    @WithParentName
    Map<String, Job> ruleSets();

    interface Job {
        /** Quartz cron expression, or "off". */
        Optional<String> cron();
    }
}
