package io.shoprules.coupons;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A redemption: the order the coupon is used on identifies it, so the same request sent twice (a
 * retry after a lost answer) is answered the same, and a different order is refused.
 */
@Schema(description = "Redeem a coupon for an order")
public record RedeemRequest(
        @Schema(description = "The shop's order the coupon pays towards; repeating a redemption with the same orderId is idempotent")
        @NotBlank @Size(max = 128) String orderId,
        @Schema(description = "The customer redeeming; when given and the coupon was issued to another customer, it is refused")
        @Size(max = 128) String customerId) {
}
