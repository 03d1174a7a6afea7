package io.shoprules.complaint;

import io.shoprules.engine.Decision;

/** Hand a complaint to a supervisor because a service-level promise was missed. */
public record EscalationDecision(String complaintId, EscalationReason reason) implements Decision {

    public static final String TYPE = "ESCALATION";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String subject() {
        return complaintId;
    }
}
