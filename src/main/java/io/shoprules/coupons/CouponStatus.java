package io.shoprules.coupons;

/** Where a coupon is in its single use. */
public enum CouponStatus {
    /** Issued with an action that waits for an operator's approval: not redeemable until it is approved. */
    PENDING_APPROVAL,
    /** Issued with its action (or its action was approved); redeemable until it expires. */
    ISSUED,
    /** Redeemed once; never again. */
    REDEEMED,
    /** Its action was rejected, cancelled, suppressed or expired before it reached the customer. */
    VOID
}
