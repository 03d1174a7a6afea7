package io.shoprules.jobs;

/** What started a job run. */
public enum JobTrigger {
    SCHEDULE, MANUAL
}
