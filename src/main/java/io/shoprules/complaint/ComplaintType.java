package io.shoprules.complaint;

/** What a complaint is about. */
public enum ComplaintType {
    LOGISTICS_DELAY, QUALITY, WRONG_ITEM, MISSING_ITEM, SERVICE, OTHER
}
