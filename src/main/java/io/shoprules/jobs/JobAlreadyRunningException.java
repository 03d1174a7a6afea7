package io.shoprules.jobs;

import io.shoprules.errors.ConflictException;

/** A run of this job is under way, here or on another instance; runs of one job never overlap. */
public class JobAlreadyRunningException extends ConflictException {

    public JobAlreadyRunningException(String ruleSet) {
        super("the " + ruleSet + " job is running already; try again when it has finished", "ruleSet");
    }

    public JobAlreadyRunningException(String ruleSet, String instance) {
        super("the " + ruleSet + " job is running already on instance " + instance
                + "; try again when it has finished", "ruleSet");
    }
}
