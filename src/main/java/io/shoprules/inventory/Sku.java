package io.shoprules.inventory;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A stock-keeping unit as the inventory rules see it.
 *
 * @param skuId           the SKU's id in the shop
 * @param onHand          units in the warehouse
 * @param inTransit       units ordered and on their way (default 0)
 * @param avgDailySales   average units sold per day
 * @param leadTimeDays    days from ordering to having the stock (replenishment cycle), at most ten years
 * @param presaleDeposits units customers paid a presale deposit for (default 0)
 * @param listedOn        the day the SKU went on sale, when known
 */
@Schema(description = "A SKU's stock and sales")
public record Sku(
        @NotBlank @Size(max = 128) String skuId,
        @Size(max = 500) String title,
        @NotNull @PositiveOrZero Integer onHand,
        @PositiveOrZero Integer inTransit,
        @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 6) BigDecimal avgDailySales,
        @NotNull @PositiveOrZero @Max(3650) Integer leadTimeDays,
        @PositiveOrZero Integer presaleDeposits,
        LocalDate listedOn) {

    public Sku {
        inTransit = inTransit == null ? 0 : inTransit;
        presaleDeposits = presaleDeposits == null ? 0 : presaleDeposits;
    }

    /** Units on hand plus units in transit. */
    public int available() {
        return onHand + inTransit;
    }
}
