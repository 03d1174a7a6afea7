package io.shoprules.cart;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Fills the reminder templates that operations write in {@code rules/cart/reminders.drl}. The
 * templates and the scarcity threshold stay in the rule file so they change without a release;
 * only the filling is here. Placeholders: {@code {item}}, {@code {coupon}}, {@code {payBy}},
 * {@code {scarcity}} in a reminder, {@code {paid}} and {@code {left}} in the scarcity sentence.
 */
public final class ReminderMessages {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private ReminderMessages() {
    }

    /**
     * The reminder about {@code item}. {@code {coupon}} and {@code {payBy}} are filled only when
     * given (the second reminder has neither); {@code payBy} is shown as the clock time in its own
     * offset, which the engine's {@code Now} sets to the shop's zone. Surrounding blanks go, so a
     * template ending in {@code {scarcity}} leaves no trailing space when there is no scarcity.
     */
    public static String reminder(String template, CartItem item, BigDecimal coupon, OffsetDateTime payBy,
                                  String scarcity) {
        // the order the rule file always filled in: a title that contains "{coupon}" gets it filled
        // too, and a different order would send such customers a different text
        String text = template
                .replace("{item}", item.displayName())
                .replace("{scarcity}", scarcity);
        if (coupon != null) {
            text = text.replace("{coupon}", yuan(coupon));
        }
        if (payBy != null) {
            text = text.replace("{payBy}", payBy.format(CLOCK));
        }
        return text.trim();
    }

    /**
     * The scarcity sentence for {@code item}, or an empty text when the item does not give both
     * its buyers and its stock left, or when more than {@code shownUpTo} are left (telling a
     * customer "only 900 left" urges nobody).
     */
    public static String scarcity(String template, CartItem item, int shownUpTo) {
        if (item.paidCount() == null || item.stockLeft() == null || item.stockLeft() > shownUpTo) {
            return "";
        }
        return template
                .replace("{paid}", String.valueOf(item.paidCount()))
                .replace("{left}", String.valueOf(item.stockLeft()));
    }

    /** An amount in yuan as a customer reads it: no trailing zeros, never an exponent ("10", "9.9"). */
    public static String yuan(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }
}
