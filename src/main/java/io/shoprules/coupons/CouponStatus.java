package io.shoprules.coupons;

/** Where a coupon is in its single use. */
public enum CouponStatus {
    /** Issued with its action; redeemable until it expires. */
    ISSUED,
    /** Redeemed once; never again. */
    REDEEMED,
    /** Its action was rejected, cancelled, suppressed or expired before it reached the customer. */
    VOID
}
