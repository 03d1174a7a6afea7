package io.shoprules.complaint;

import io.shoprules.engine.Decision;

import java.time.OffsetDateTime;

/**
 * A service-level promise is about to be broken: the desk still has time to answer or resolve the
 * complaint before it is escalated.
 *
 * @param reason which promise: the escalation it would become
 * @param dueAt  the instant the promise is broken (counted in business hours), in the shop's offset
 */
public record SlaWarning(String complaintId, EscalationReason reason, OffsetDateTime dueAt) implements Decision {

    public static final String TYPE = "SLA_WARNING";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String subject() {
        return complaintId;
    }
}
