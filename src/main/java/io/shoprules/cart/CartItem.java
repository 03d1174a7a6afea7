package io.shoprules.cart;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;

/**
 * One line of a cart.
 *
 * @param stockLeft units the shop has left, when it wants to tell the customer
 * @param paidCount buyers who have paid for this item so far, when known
 */
@Schema(description = "A line of a cart")
public record CartItem(
        @NotBlank @Size(max = 128) String skuId,
        @Size(max = 500) String title,
        @NotNull @Positive @Max(100_000) Integer quantity,
        @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal unitPrice,
        @PositiveOrZero Integer stockLeft,
        @PositiveOrZero Integer paidCount) {

    /** What a message calls the item: its title, or its SKU when it has none. */
    public String displayName() {
        return title == null || title.isBlank() ? skuId : title;
    }
}
