package io.shoprules.actions;

/** Where an action is on its way to the shop backend. */
public enum ActionStatus {
    /** Waiting to be pulled, or (with a webhook) to be pushed; retried with back-off after a failed push. */
    PENDING,
    /** The webhook answered 2xx. */
    DELIVERED,
    /** The webhook kept failing until the last attempt; kept, visible and re-triable, never dropped. */
    FAILED,
    /** The shop backend acknowledged it. */
    ACKED,
    /** Its amount is above the rule set's approval cap: waits for an operator; never pulled or pushed meanwhile. */
    PENDING_APPROVAL,
    /** An operator rejected it; its coupon is void. */
    REJECTED
}
