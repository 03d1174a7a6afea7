package io.shoprules.cart;

import io.shoprules.api.InOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A shopping cart as the reminder rules see it.
 *
 * @param addedAt        when the customer put the items in (the cart's age counts from here)
 * @param paidAt         when it was paid; null while unpaid
 * @param smsConsent     the customer agreed to marketing SMS
 * @param remindersSent  reminders sent so far (default 0)
 * @param lastRemindedAt when the last one went out
 */
@Schema(description = "A customer's cart")
@InOrder(earlier = "addedAt", later = "paidAt")
@InOrder(earlier = "addedAt", later = "lastRemindedAt")
public record Cart(
        @NotBlank @Size(max = 128) String cartId,
        @NotBlank @Size(max = 128) String customerId,
        @NotEmpty @Size(max = 1000) List<@NotNull @Valid CartItem> items,
        @NotNull OffsetDateTime addedAt,
        OffsetDateTime paidAt,
        Boolean smsConsent,
        @PositiveOrZero Integer remindersSent,
        OffsetDateTime lastRemindedAt) {

    public Cart {
        items = items == null ? null : List.copyOf(items);
        smsConsent = smsConsent != null && smsConsent;
        remindersSent = remindersSent == null ? 0 : remindersSent;
    }

    public boolean unpaid() {
        return paidAt == null;
    }

    /** Units in the cart over all its lines. */
    public int itemCount() {
        return items.stream().mapToInt(CartItem::quantity).sum();
    }

    /** The line a reminder talks about. */
    public CartItem firstItem() {
        return items.get(0);
    }

    /** The same cart once a reminder has gone out at {@code at}. */
    public Cart reminded(int reminders, OffsetDateTime at) {
        return new Cart(cartId, customerId, items, addedAt, paidAt, smsConsent, reminders, at);
    }
}
