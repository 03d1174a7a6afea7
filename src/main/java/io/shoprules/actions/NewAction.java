package io.shoprules.actions;

/**
 * An action a job wants in the outbox; it is created unless its idempotency key exists, and enters
 * the outbox as {@code admission} says (the release gate's first word on it).
 */
public record NewAction(String idempotencyKey, String ruleSet, String type, String subject, String version,
                        String rule, String payload, Long jobRunId, Admission admission) {

    /** An action that goes straight to PENDING, as every action did before actions.yaml. */
    public NewAction(String idempotencyKey, String ruleSet, String type, String subject, String version,
                     String rule, String payload, Long jobRunId) {
        this(idempotencyKey, ruleSet, type, subject, version, rule, payload, jobRunId, Admission.PENDING);
    }
}
