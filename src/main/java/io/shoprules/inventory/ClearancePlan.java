package io.shoprules.inventory;

/** How excess stock is to be cleared. */
public enum ClearancePlan {
    COMMUNITY_DISCOUNT, BUNDLE_GIFT
}
