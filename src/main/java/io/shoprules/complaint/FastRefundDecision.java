package io.shoprules.complaint;

import io.shoprules.engine.Decision;

import java.math.BigDecimal;

/** Refund the order at once, without review. {@code amount} is in yuan. */
public record FastRefundDecision(String complaintId, String orderId, BigDecimal amount) implements Decision {

    public static final String TYPE = "FAST_REFUND";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String subject() {
        return complaintId;
    }
}
