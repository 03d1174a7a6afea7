package io.shoprules.complaint;

/** Which service-level promise a complaint has broken. */
public enum EscalationReason {
    RESPONSE_SLA, RESOLUTION_SLA
}
