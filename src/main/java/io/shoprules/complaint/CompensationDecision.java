package io.shoprules.complaint;

import io.shoprules.engine.Decision;

import java.math.BigDecimal;

/**
 * Make up for a late parcel with a coupon.
 *
 * @param couponAmount the coupon, in yuan
 * @param followUp     who follows the case up
 */
public record CompensationDecision(String complaintId, String orderId, BigDecimal couponAmount, FollowUp followUp)
        implements Decision {

    public static final String TYPE = "COMPENSATION";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String subject() {
        return complaintId;
    }
}
