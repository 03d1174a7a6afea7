package io.shoprules.coupons;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A coupon to issue with a new action: its code (drawn with {@link Coupons#newCode()} before the action
 * was written, so the action's payload carries it from the start), the action it belongs to and what the
 * decision says it is worth; {@code awaitsApproval} when the action waits for an operator, so the code is
 * not redeemable before it is approved.
 */
public record NewCoupon(String code, long actionId, String idempotencyKey, String ruleSet, String type, String subject,
                        String customerId, BigDecimal amount, OffsetDateTime expiresAt, boolean awaitsApproval) {
}
