package io.shoprules.complaint;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The coupon arithmetic on its own, with the test's numbers: short 5, long 8 from 2 days, doubled for GOLD, capped at 10 %. */
class DelayCompensationTest {

    private static BigDecimal coupon(int delayDays, MemberTier tier, String orderAmount) {
        Complaint complaint = new Complaint("k-1", "o-1", null, null, ComplaintType.LOGISTICS_DELAY,
                new BigDecimal(orderAmount), delayDays, tier, OffsetDateTime.parse("2026-03-10T10:00:00+08:00"),
                null, null, null);
        return DelayCompensation.coupon(complaint, new BigDecimal("5"), new BigDecimal("8"), 2, MemberTier.GOLD,
                new BigDecimal("0.10"));
    }

    @ParameterizedTest(name = "{0} days late, {1}, order {2}: coupon {3}")
    @CsvSource({
            "1, NONE,  1000, 5",
            "2, NONE,  1000, 8",
            "1, GOLD,  1000, 10",
            "2, GOLD,  1000, 16",
            "2, BLACK, 1000, 8",
            // the cap: exactly the coupon, below it, and rounded down to the fen
            "1, NONE,  50,    5",
            "1, NONE,  49.99, 4.99",
            "1, NONE,  12.34, 1.23",
            "1, NONE,  0.09,  0.00"})
    void longDelayThenDoublingThenTheCapRoundedDown(int delayDays, MemberTier tier, String orderAmount, String expected) {
        assertEquals(new BigDecimal(expected), coupon(delayDays, tier, orderAmount));
    }
}
