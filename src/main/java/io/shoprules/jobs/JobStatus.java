package io.shoprules.jobs;

/** How a job run went. */
public enum JobStatus {
    /** Under way (until its instance starts again, when that instance was killed mid-run). */
    RUNNING,
    /** Every stored fact was read and evaluated and its actions written. */
    SUCCEEDED,
    /** The run went through, but some facts could not be read or evaluated (see errors, lastError). */
    FINISHED_WITH_ERRORS,
    /** The run stopped part-way; batches written before the failure stay written. */
    FAILED,
    /**
     * Its instance died mid-run (kill -9, a crash) and found it still RUNNING when it started again;
     * batches written before stay written, the next run completes the rest.
     */
    ABANDONED
}
