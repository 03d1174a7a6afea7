package io.shoprules.listing;

/** How hard a finding stops a listing. */
public enum Severity {
    /** The listing must not go live as written. */
    BLOCK,
    /** A reviewer should look before it goes live. */
    WARN
}
