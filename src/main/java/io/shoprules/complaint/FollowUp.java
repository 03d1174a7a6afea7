package io.shoprules.complaint;

/** Who looks after the customer once compensation is paid. */
public enum FollowUp {
    DEDICATED_AGENT, NONE
}
