package io.shoprules.inventory;

/** How soon a restock order is needed. */
public enum Urgency {
    NORMAL, URGENT, STOCKOUT
}
