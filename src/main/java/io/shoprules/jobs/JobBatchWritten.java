package io.shoprules.jobs;

/**
 * Fired (synchronously) inside a batch's transaction once its decisions, actions and fact updates
 * are written and before it commits. An observer that throws rolls the batch back and stops the run,
 * like a crash at that point would.
 *
 * @param batch 1 for the run's first batch
 */
public record JobBatchWritten(String ruleSet, long runId, long batch, int facts, int decisions, int actionsCreated) {
}
