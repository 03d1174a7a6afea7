package io.shoprules.jobs;

import io.shoprules.errors.ConflictException;

/** A run of this job is under way on this instance; runs of one job never overlap. */
public class JobAlreadyRunningException extends ConflictException {

    public JobAlreadyRunningException(String ruleSet) {
        super("the " + ruleSet + " job is running already; try again when it has finished", "ruleSet");
    }
}
