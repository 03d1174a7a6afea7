package io.shoprules.coupons;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A coupon as {@code GET /api/coupons/{code}} and a redemption answer it. */
@Schema(description = "A single-use coupon code")
public record CouponView(String code, CouponStatus status, BigDecimal amount, OffsetDateTime issuedAt,
                         OffsetDateTime expiresAt,
                         @Schema(description = "Whether the code is past its expiry (it can no longer be redeemed)") boolean expired,
                         String ruleSet, String type, String subject, String customerId, long actionId,
                         OffsetDateTime redeemedAt,
                         @Schema(description = "The orderId of the redemption that won") String orderId,
                         String voidReason) {

    static CouponView of(Coupon coupon, OffsetDateTime now) {
        return new CouponView(coupon.code, coupon.status, coupon.amount, coupon.issuedAt, coupon.expiresAt,
                coupon.status != CouponStatus.REDEEMED && coupon.status != CouponStatus.VOID
                        && now.isAfter(coupon.expiresAt), coupon.ruleSet, coupon.type,
                coupon.subject, coupon.customerId, coupon.actionId, coupon.redeemedAt, coupon.redemptionKey,
                coupon.voidReason);
    }
}
