package io.shoprules.cart;

import io.shoprules.engine.Decision;

/**
 * Tell a customer how little is missing for free shipping.
 *
 * @param itemsToAdd units to add to reach the free-shipping threshold
 */
public record FreeShippingNudge(String cartId, int itemsToAdd) implements Decision {

    public static final String TYPE = "FREE_SHIPPING_NUDGE";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String subject() {
        return cartId;
    }
}
