package io.shoprules.inventory;

import io.shoprules.engine.Decision;

import java.math.BigDecimal;

/**
 * Clear excess stock of a SKU.
 *
 * @param excessQuantity units beyond what the clearance threshold allows on hand
 * @param coverDays      days the available stock lasts at current sales; null without sales
 */
public record ClearanceDecision(String skuId, int excessQuantity, BigDecimal coverDays, ClearancePlan plan)
        implements Decision {

    public static final String TYPE = "CLEARANCE";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String subject() {
        return skuId;
    }
}
