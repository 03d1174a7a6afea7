package io.shoprules.complaint;

/** Why a refund needs a person to look at it. */
public enum ReviewReason {
    /** The order is worth more than a refund without review may pay. */
    ORDER_ABOVE_FAST_REFUND_LIMIT,
    /** The customer has complained often lately. */
    FREQUENT_COMPLAINTS
}
