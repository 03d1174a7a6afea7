package io.shoprules.actions;

/** An action a job wants in the outbox; it is created unless its idempotency key exists. */
public record NewAction(String idempotencyKey, String ruleSet, String type, String subject, String version,
                        String rule, String payload, Long jobRunId) {
}
