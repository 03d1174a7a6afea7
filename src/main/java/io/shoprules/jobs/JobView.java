package io.shoprules.jobs;

import java.time.Instant;
import java.util.List;

/**
 * A rule set's job: its schedule and its last runs, newest first.
 *
 * @param cron      the Quartz cron expression, or "off"
 * @param scheduled whether it runs on that schedule on this instance
 * @param nextRunAt when the schedule fires next (the cron read in the shop's time zone); null when
 *                  it is off or schedules do not run on this instance
 * @param running   whether a run is under way on this instance
 */
public record JobView(String ruleSet, String cron, boolean scheduled, Instant nextRunAt, boolean running,
                      List<JobRunView> lastRuns) {
}
