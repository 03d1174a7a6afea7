package io.shoprules.inventory;

import io.shoprules.engine.Decision;

import java.math.BigDecimal;

/**
 * Order more of a SKU.
 *
 * @param quantity    units to order
 * @param safetyStock units that cover sales over one replenishment cycle
 * @param coverDays   days the available stock lasts at current sales; null without sales
 */
public record RestockDecision(String skuId, long quantity, Urgency urgency, BigDecimal safetyStock,
                              BigDecimal coverDays) implements Decision {

    public static final String TYPE = "RESTOCK";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String subject() {
        return skuId;
    }
}
