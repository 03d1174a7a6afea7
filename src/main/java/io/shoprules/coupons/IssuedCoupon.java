package io.shoprules.coupons;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** What the action's payload carries as {@code coupon}, so the shop sends the customer the code. */
public record IssuedCoupon(String code, BigDecimal amount, OffsetDateTime expiresAt) {
}
