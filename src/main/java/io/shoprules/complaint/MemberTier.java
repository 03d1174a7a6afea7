package io.shoprules.complaint;

/** The customer's membership level. */
public enum MemberTier {
    NONE, SILVER, GOLD, BLACK
}
