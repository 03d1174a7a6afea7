package io.shoprules.cart;

import io.shoprules.engine.Decision;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Remind a customer of an unpaid cart.
 *
 * @param step         1 for the first reminder, 2 for the second
 * @param channels     where to send it, SMS before POPUP
 * @param couponAmount the coupon that comes with it, in yuan; null for none
 * @param payBy        when the coupon lapses; null without a coupon
 * @param message      the text, from the template in the rule files
 */
public record CartReminder(String cartId, String customerId, int step, List<ReminderChannel> channels,
                           BigDecimal couponAmount, OffsetDateTime payBy, String message) implements Decision {

    public static final String TYPE = "CART_REMINDER";

    public CartReminder {
        channels = List.copyOf(channels);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String subject() {
        return cartId;
    }
}
