package io.shoprules.jobs;

/** A run of this job is under way on this instance; runs of one job never overlap. */
public class JobAlreadyRunningException extends RuntimeException {

    public JobAlreadyRunningException(String ruleSet) {
        super("the " + ruleSet + " job is running already; try again when it has finished");
    }
}
