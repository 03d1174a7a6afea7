package io.shoprules.actions;

/** Where an action is on its way to the shop backend (docs/actions.md has the whole state diagram). */
public enum ActionStatus {
    /** Waiting to be pulled, or (with a webhook) to be pushed; retried with back-off after a failed push. */
    PENDING,
    /** The webhook answered 2xx. */
    DELIVERED,
    /** The webhook kept failing until the last attempt; kept, visible and re-triable, never dropped. */
    FAILED,
    /** The shop backend acknowledged it. */
    ACKED,
    /**
     * Customer-facing, waiting at the contact gate until {@code releaseAt}: the end of the quiet hours,
     * or at once when it was just created (the gate weighs it against the caps with the others due).
     */
    HELD,
    /** Over a contact cap; the reason names which. Never delivered. */
    SUPPRESSED,
    /** A re-check before delivery found the decision no longer holds; the reason says when and by which version. */
    CANCELLED,
    /** Its expiry (e.g. a cart coupon's payBy) passed before it could be delivered. */
    EXPIRED,
    /** Its amount is above the rule set's approval cap: waits for an operator; never pulled or pushed meanwhile. */
    PENDING_APPROVAL,
    /** An operator rejected it; its coupon is void. */
    REJECTED;

    /** Whether the action may still reach the shop: not yet delivered and not stopped for good. */
    public boolean open() {
        return this == PENDING || this == HELD;
    }

    /** Whether it was stopped for good before delivery: its coupon, if any, is void. */
    public boolean stopped() {
        return this == SUPPRESSED || this == CANCELLED || this == EXPIRED || this == REJECTED;
    }
}
