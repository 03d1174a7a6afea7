package io.shoprules.cart;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The templates filled on their own; the templates and thresholds here are the test's, not the shipped ones. */
class ReminderMessagesTest {

    private static final String SCARCITY = "{paid} paid, {left} left.";

    private static CartItem item(String title, Integer stockLeft, Integer paidCount) {
        return new CartItem("sku-1", title, 1, BigDecimal.ONE, stockLeft, paidCount);
    }

    @ParameterizedTest(name = "{0} yuan reads {1}")
    @CsvSource({"10, 10", "10.00, 10", "9.90, 9.9", "0.01, 0.01", "100, 100", "1E+2, 100", "0.00, 0", "25.80, 25.8"})
    void couponAmountsLoseTrailingZerosAndNeverShowAnExponent(BigDecimal amount, String shown) {
        assertEquals(shown, ReminderMessages.yuan(amount));
    }

    @Test
    void everyPlaceholderIsFilledAndPayByIsTheClockTimeInItsOwnOffset() {
        String text = ReminderMessages.reminder("{item}: {coupon} off until {payBy}. {scarcity}",
                item("Scarf", 3, 12), new BigDecimal("5.50"), OffsetDateTime.parse("2026-03-10T09:05:59+08:00"),
                "Hurry!");
        assertEquals("Scarf: 5.5 off until 09:05. Hurry!", text);
    }

    @Test
    void withoutCouponOrPayByThoseCodesAreLeftAsWrittenAndAnEmptyScarcityLeavesNoTrailingBlank() {
        assertEquals("Still waiting: Scarf {coupon}",
                ReminderMessages.reminder("Still waiting: {item} {coupon} {scarcity}", item("Scarf", null, null), null,
                        null, ""));
    }

    @Test
    void anItemWithoutTitleIsCalledByItsSku() {
        assertEquals("sku-1", ReminderMessages.reminder("{item}", item(" ", null, null), null, null, ""));
    }

    @ParameterizedTest(name = "left {0} of up to {1} shown, paid {2}: \"{3}\"")
    @CsvSource(value = {
            "7,    7, 12,   '12 paid, 7 left.'",
            "8,    7, 12,   ''",
            "0,    7, 12,   '12 paid, 0 left.'",
            "0,    0, 0,    '0 paid, 0 left.'",
            "1,    0, 0,    ''",
            "null, 7, 12,   ''",
            "3,    7, null, ''"}, nullValues = "null")
    void scarcityOnlyWithBothFiguresAndAtMostTheThresholdLeft(Integer left, int shownUpTo, Integer paid,
                                                             String expected) {
        assertEquals(expected, ReminderMessages.scarcity(SCARCITY, item("Scarf", left, paid), shownUpTo));
    }
}
