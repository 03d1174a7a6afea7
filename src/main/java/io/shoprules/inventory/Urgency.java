package io.shoprules.inventory;

import java.math.BigDecimal;

/** How soon a restock order is needed. */
public enum Urgency {
    NORMAL, URGENT, STOCKOUT;

    /** STOCKOUT with nothing on hand, URGENT below the safety stock, else NORMAL. */
    public static Urgency of(BigDecimal onHand, BigDecimal safetyStock) {
        if (onHand.signum() == 0) {
            return STOCKOUT;
        }
        return onHand.compareTo(safetyStock) < 0 ? URGENT : NORMAL;
    }
}
