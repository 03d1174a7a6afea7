package io.shoprules.jobs;

/** How a job run went. */
public enum JobStatus {
    /** Under way (or the instance running it died: the row is never finished then). */
    RUNNING,
    /** Every stored fact was read and evaluated and its actions written. */
    SUCCEEDED,
    /** The run went through, but some facts could not be read or evaluated (see errors, lastError). */
    FINISHED_WITH_ERRORS,
    /** The run stopped part-way; batches written before the failure stay written. */
    FAILED
}
