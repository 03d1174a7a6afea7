package io.shoprules.cart;

import java.time.LocalTime;

/**
 * The hours of the shop's day when no reminder goes out by SMS. {@code from} is inclusive and
 * {@code until} exclusive, so a cart judged at exactly {@code until} may be texted again. When
 * {@code from} is later than {@code until} the quiet hours run over midnight (22:00 to 08:00);
 * when they are equal there are none.
 */
public record QuietHours(LocalTime from, LocalTime until) {

    /** True when {@code time}, a shop-local clock time, falls in the quiet hours. */
    public boolean include(LocalTime time) {
        if (from.isAfter(until)) {
            return !time.isBefore(from) || time.isBefore(until);
        }
        return !time.isBefore(from) && time.isBefore(until);
    }
}
