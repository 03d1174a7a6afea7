package io.shoprules.complaint;

import io.shoprules.engine.Decision;

/** Have a person decide on the refund. */
public record ManualReviewDecision(String complaintId, ReviewReason reason) implements Decision {

    public static final String TYPE = "MANUAL_REVIEW";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String subject() {
        return complaintId;
    }
}
