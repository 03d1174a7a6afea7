package io.shoprules.cart;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalTime;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Quiet hours on their own: where they begin and end, over midnight and within one day. */
class QuietHoursTest {

    @ParameterizedTest(name = "{0}–{1} at {2}: quiet {3}")
    @CsvSource({
            // over midnight: the first minute is quiet, the last one is not
            "22:00, 08:00, 21:59:59, false",
            "22:00, 08:00, 22:00,    true",
            "22:00, 08:00, 23:59:59, true",
            "22:00, 08:00, 00:00,    true",
            "22:00, 08:00, 07:59:59, true",
            "22:00, 08:00, 08:00,    false",
            "22:00, 08:00, 12:00,    false",
            // within one day
            "13:00, 14:30, 12:59,    false",
            "13:00, 14:30, 13:00,    true",
            "13:00, 14:30, 14:29,    true",
            "13:00, 14:30, 14:30,    false",
            "13:00, 14:30, 23:00,    false",
            // from midnight, and the same time twice: no quiet hours at all
            "00:00, 06:00, 00:00,    true",
            "00:00, 06:00, 06:00,    false",
            "09:00, 09:00, 09:00,    false",
            "09:00, 09:00, 03:00,    false"})
    void fromIsQuietAndUntilIsNot(LocalTime from, LocalTime until, LocalTime time, boolean quiet) {
        assertEquals(quiet, new QuietHours(from, until).include(time));
    }
}
