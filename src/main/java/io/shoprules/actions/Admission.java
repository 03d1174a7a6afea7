package io.shoprules.actions;

import java.time.OffsetDateTime;

/**
 * How a new action enters the outbox ({@link ReleaseGate#admit}): its first status and what its
 * lifecycle needs to know later.
 *
 * @param status    PENDING, HELD (customer-facing: the contact gate weighs it first) or EXPIRED
 * @param reason    why it starts in that status, or null
 * @param customer  the customer it reaches, or null
 * @param priority  its weight at the contact caps
 * @param releaseAt while HELD, when the gate looks at it
 * @param expiresAt when it is no longer worth delivering, or null
 * @param factHash  the content hash of its subject's stored fact once the batch is written: a re-check
 *                  re-evaluates only a fact that changed since (null: always re-evaluate)
 */
public record Admission(ActionStatus status, String reason, String customer, int priority, OffsetDateTime releaseAt,
                        OffsetDateTime expiresAt, String factHash) {

    public static final Admission PENDING = new Admission(ActionStatus.PENDING, null, null, 0, null, null, null);

    public Admission withFactHash(String hash) {
        return new Admission(status, reason, customer, priority, releaseAt, expiresAt, hash);
    }
}
