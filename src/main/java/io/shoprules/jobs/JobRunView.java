package io.shoprules.jobs;

import java.time.OffsetDateTime;

/**
 * A job run as {@code GET /api/jobs} shows it.
 *
 * @param factsRead      stored facts read
 * @param decisions      decisions the rules made (all of them are in the decision log)
 * @param actionsCreated actions added to the outbox (decisions whose action existed already are not counted)
 * @param errors         facts that could not be read or evaluated
 * @param instance       the instance that ran it
 */
public record JobRunView(long id, String ruleSet, JobTrigger triggeredBy, JobStatus status, String version,
                         int batchSize, OffsetDateTime startedAt, OffsetDateTime endedAt, long factsRead, long batches,
                         long decisions, long actionsCreated, long errors, String lastError,
                         String instance) {

    static JobRunView of(JobRun run) {
        return new JobRunView(run.id, run.ruleSet, run.triggeredBy, run.status, run.version, run.batchSize,
                run.startedAt, run.endedAt, run.factsRead, run.batches, run.decisions, run.actionsCreated, run.errors,
                run.lastError, run.instanceName);
    }
}
