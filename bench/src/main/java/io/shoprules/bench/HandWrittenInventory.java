package io.shoprules.bench;

import io.shoprules.inventory.ClearanceDecision;
import io.shoprules.inventory.ClearancePlan;
import io.shoprules.inventory.RestockDecision;
import io.shoprules.inventory.Sku;
import io.shoprules.inventory.Urgency;
import io.shoprules.engine.Decision;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;

/**
 * The inventory policy of SPEC section 5 written as plain Java: the reference the rule engine is
 * measured against. (Here, and only here, the policy numbers are in Java.)
 */
final class HandWrittenInventory {

    private static final BigDecimal COVER_DAYS = BigDecimal.valueOf(7);
    private static final BigDecimal PRESALE_BUFFER = new BigDecimal("1.2");
    private static final BigDecimal CLEAR_DAYS = BigDecimal.valueOf(30);
    private static final BigDecimal BUNDLE_DAYS = BigDecimal.valueOf(60);
    private static final int GRACE_DAYS = 30;

    private HandWrittenInventory() {
    }

    static void decide(List<Sku> skus, LocalDate today, Consumer<Decision> out) {
        for (Sku sku : skus) {
            BigDecimal daily = sku.avgDailySales();
            BigDecimal available = BigDecimal.valueOf(sku.available());
            BigDecimal onHand = BigDecimal.valueOf(sku.onHand());
            BigDecimal safety = daily.multiply(BigDecimal.valueOf(sku.leadTimeDays()));
            boolean selling = daily.signum() > 0;
            BigDecimal cover = selling ? available.divide(daily, 1, RoundingMode.HALF_UP) : null;
            BigDecimal demand = daily.multiply(COVER_DAYS)
                    .add(BigDecimal.valueOf(sku.presaleDeposits()).multiply(PRESALE_BUFFER));
            if (available.compareTo(demand) < 0) {
                long quantity = demand.add(safety).subtract(available).setScale(0, RoundingMode.CEILING).longValueExact();
                Urgency urgency = sku.onHand() == 0 ? Urgency.STOCKOUT
                        : onHand.compareTo(safety) < 0 ? Urgency.URGENT : Urgency.NORMAL;
                out.accept(new RestockDecision(sku.skuId(), quantity, urgency, safety, cover));
            }
            BigDecimal keep = daily.multiply(CLEAR_DAYS);
            boolean graced = sku.listedOn() != null && ChronoUnit.DAYS.between(sku.listedOn(), today) < GRACE_DAYS;
            if (onHand.compareTo(keep) > 0 && !graced) {
                ClearancePlan plan = !selling || available.compareTo(daily.multiply(BUNDLE_DAYS)) > 0
                        ? ClearancePlan.BUNDLE_GIFT : ClearancePlan.COMMUNITY_DISCOUNT;
                int excess = onHand.subtract(keep.setScale(0, RoundingMode.CEILING)).intValueExact();
                out.accept(new ClearanceDecision(sku.skuId(), excess, cover, plan));
            }
        }
    }
}
