package io.shoprules.complaint;

import io.shoprules.engine.RuleFileError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The calendar's arithmetic on a calendar of the test's own (the shipped hours and holidays are
 * operations' business and proven by scenarios).
 */
class BusinessCalendarTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Weekdays with a lunch break (8 h a day), weekends closed, a holiday run and a make-up Saturday. */
    private static final String OFFICE = """
            # a desk of the test's own
            MON-FRI 09:00-12:00 13:00-18:00
            SAT closed
            sun CLOSED
            holiday 2026-10-01..2026-10-07 国庆节
            workday 2026-10-10              # a Saturday worked instead
            workday 2026-10-11 10:00-12:00  # a Sunday with hours of its own
            """;
    private static final BusinessCalendar CALENDAR = calendar(OFFICE, SHANGHAI);

    @ParameterizedTest(name = "{0} to {1}: {2} h")
    @CsvSource({
            // within one working morning
            "2026-03-10T09:00+08:00, 2026-03-10T11:30+08:00, 2.5",
            // the lunch break does not count: 11:00-12:00 and 13:00-14:00
            "2026-03-10T11:00+08:00, 2026-03-10T14:00+08:00, 2",
            // before opening and after closing count nothing
            "2026-03-10T06:00+08:00, 2026-03-10T09:00+08:00, 0",
            "2026-03-10T18:00+08:00, 2026-03-10T23:59+08:00, 0",
            // Friday 17:00 to Monday 10:00: an hour on Friday, an hour on Monday; the weekend pauses the clock
            "2026-03-06T17:00+08:00, 2026-03-09T10:00+08:00, 2",
            // from the last working day before the holidays to the first after: 1 h + 1 h
            "2026-09-30T17:00+08:00, 2026-10-08T10:00+08:00, 2",
            // a make-up Saturday counts with the first open weekday's hours: 8 h
            "2026-10-10T00:00+08:00, 2026-10-11T00:00+08:00, 8",
            // a make-up Sunday with hours of its own: 2 h
            "2026-10-11T00:00+08:00, 2026-10-12T00:00+08:00, 2",
            // instants in UTC are judged on the Shanghai clock: 01:00Z is 09:00 there
            "2026-03-10T01:00Z, 2026-03-10T04:00Z, 3",
            // backwards is negative
            "2026-03-10T11:30+08:00, 2026-03-10T09:00+08:00, -2.5",
            // minutes are the fraction
            "2026-03-10T09:00+08:00, 2026-03-10T09:45+08:00, 0.75",
    })
    void businessHoursBetween(OffsetDateTime from, OffsetDateTime to, double hours) {
        assertEquals(hours, CALENDAR.hoursBetween(from, to), 1e-9);
    }

    @ParameterizedTest(name = "{0} plus {1} h: {2}")
    @CsvSource({
            "2026-03-10T09:00+08:00, 2, 2026-03-10T11:00+08:00",
            // the lunch break is skipped
            "2026-03-10T11:00+08:00, 2, 2026-03-10T14:00+08:00",
            // made at night: the clock starts at opening
            "2026-03-09T22:00+08:00, 4, 2026-03-10T14:00+08:00",
            // runs out at closing time: due at closing time, not at the next opening
            "2026-03-06T17:00+08:00, 1, 2026-03-06T18:00+08:00",
            // over the weekend
            "2026-03-06T17:00+08:00, 4, 2026-03-09T12:00+08:00",
            // over the holidays, to the make-up Saturday: 1 h on 30 Sep, 8 h on the 8th, 8 h on the 9th, 1 h on the 10th
            "2026-09-30T17:00+08:00, 18, 2026-10-10T10:00+08:00",
            // zero hours: due at once
            "2026-03-07T10:00+08:00, 0, 2026-03-07T10:00+08:00",
            // a UTC instant is answered in the shop's offset
            "2026-03-10T01:00Z, 1, 2026-03-10T10:00+08:00",
    })
    void instantAfterBusinessHours(OffsetDateTime from, double hours, OffsetDateTime due) {
        OffsetDateTime answered = CALENDAR.addBusinessHours(from, hours);
        assertEquals(due, answered);
        assertEquals(hours, CALENDAR.hoursBetween(from, answered), 1e-9);
    }

    @Test
    void theSameClockTimesInAnotherZoneAreOtherInstants() {
        BusinessCalendar utc = calendar(OFFICE, ZoneId.of("UTC"));
        OffsetDateTime from = OffsetDateTime.parse("2026-03-10T09:00+08:00");
        // 09:00 in Shanghai is 01:00 UTC: the UTC desk opens eight hours later
        assertEquals(OffsetDateTime.parse("2026-03-10T10:00Z"), utc.addBusinessHours(from, 1));
        assertEquals(1, utc.hoursBetween(from, OffsetDateTime.parse("2026-03-10T10:00Z")), 1e-9);
    }

    @Test
    void aDaylightSavingChangeInsideTheHoursShortensTheDay() {
        // Berlin moved its clocks from 02:00 to 03:00 on 2026-03-29: a desk open 00:00-06:00 works five hours
        BusinessCalendar night = calendar("MON-SUN 00:00-06:00\n", ZoneId.of("Europe/Berlin"));
        assertEquals(5, night.hoursBetween(OffsetDateTime.parse("2026-03-29T00:00+01:00"),
                OffsetDateTime.parse("2026-03-29T12:00+02:00")), 1e-9);
    }

    @Test
    void noMoreThanAYearAndADayIsWalked() {
        OffsetDateTime from = OffsetDateTime.parse("2026-03-10T09:00+08:00");
        // a complaint ten years old costs the same walk as one a year old; the hours of later days are not counted
        double yearAndADay = CALENDAR.hoursBetween(from, from.plusDays(BusinessCalendar.MAX_DAYS));
        assertEquals(yearAndADay, CALENDAR.hoursBetween(from, from.plusYears(10)), 1e-9);
        assertNull(CALENDAR.addBusinessHours(from, yearAndADay + 8));
        assertNull(CALENDAR.addBusinessHours(from, Double.MAX_VALUE));
    }

    @Test
    void nothingFallsDueAfterTheLastAcceptedTime() {
        BusinessCalendar always = BusinessCalendar.roundTheClock(SHANGHAI);
        OffsetDateTime lastEvening = OffsetDateTime.parse("9999-12-31T20:00Z");
        assertEquals(OffsetDateTime.parse("9999-12-31T23:00Z"),
                always.addBusinessHours(lastEvening, 3).withOffsetSameInstant(ZoneOffset.UTC));
        assertNull(always.addBusinessHours(lastEvening, 5));
    }

    @Test
    void aRoundTheClockCalendarCountsClockHours() {
        BusinessCalendar always = BusinessCalendar.roundTheClock(SHANGHAI);
        OffsetDateTime saturday = OffsetDateTime.parse("2026-03-07T22:30+08:00");
        assertEquals(27.5, always.hoursBetween(saturday, saturday.plusHours(27).plusMinutes(30)), 1e-9);
        assertEquals(saturday.plusHours(24), always.addBusinessHours(saturday, 24));
    }

    @ParameterizedTest(name = "line {1}: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "MON-SUN 09:00-18:00\\nTUE 10:00-12:00                         | 2 | TUE is given twice",
            "MON-SUN 22:00-02:00                                          | 1 | a range stays within one day",
            "MON-SUN 09:00-12:00 11:00-18:00                              | 1 | without overlap",
            "MON-SUN 9:00-18:00                                           | 1 | '9:00-18:00' is not a range of hours",
            "MON-SUN 09:00-24:30                                          | 1 | not a time of day",
            "MON-SUN 09:00-18:00\\nholiday 2026-10-07..2026-10-01          | 2 | ends (2026-10-01) before it starts",
            "MON-SUN 09:00-18:00\\nholiday 2026-01-01..2026-03-01          | 2 | at most 31 days",
            "MON-SUN 09:00-18:00\\nholiday 2026-13-01                      | 2 | is not a date",
            "MON-SUN 09:00-18:00\\nworkday 2026-10-10\\nworkday 2026-10-10  | 3 | already given on line 2",
            "MON-SUN 09:00-18:00\\nholiday 2026-10-01\\nworkday 2026-10-01  | 3 | a make-up working day and a holiday (line 2)",
            "MON-SUN 09:00-18:00\\nopen every day                          | 2 | expected a weekday's hours",
            "MON-SUN 09:00-18:00\\nFRI-MON closed                          | 2 | runs backwards",
            "MON-SUN 09:00-18:00\\nXYZ closed                              | 2 | 'XYZ' is not a weekday",
    })
    void aLineThatCannotBeReadIsReportedWithItsNumber(String text, int line, String message) {
        List<RuleFileError> errors = BusinessCalendar.parse("desk.calendar", text.replace("\\n", "\n"), SHANGHAI).errors();
        assertEquals(1, errors.size(), errors::toString);
        assertEquals("desk.calendar", errors.get(0).file());
        assertEquals(line, errors.get(0).line());
        assertTrue(errors.get(0).message().contains(message), errors.get(0).message());
    }

    @Test
    void everyWeekdayNeedsALineAndOneMustBeOpen() {
        List<RuleFileError> missing = BusinessCalendar.parse("desk.calendar", "MON-FRI 09:00-18:00\n", SHANGHAI).errors();
        assertEquals(List.of("no hours for SAT", "no hours for SUN"),
                missing.stream().map(error -> error.message().substring(0, 16)).toList());

        List<RuleFileError> closed = BusinessCalendar.parse("desk.calendar", "MON-SUN closed\n", SHANGHAI).errors();
        assertTrue(closed.get(0).message().contains("every weekday is closed"), closed.toString());
    }

    @Test
    void everyBrokenLineIsReportedNotOnlyTheFirst() {
        List<RuleFileError> errors = BusinessCalendar.parse("desk.calendar",
                "MON-SUN 09:00-18:00\nholiday tomorrow\nworkday someday\n", SHANGHAI).errors();
        assertEquals(List.of(2, 3), errors.stream().map(RuleFileError::line).toList());
    }

    @ParameterizedTest(name = "on {0}, {1} days ahead: notice {2}")
    @CsvSource({
            // the calendar's last dated line is 2026-10-11: it covers 2026
            "2026-06-01, 60, false",
            "2026-11-01, 60, false",
            "2026-11-02, 60, true",
            // no notice days: from the first day the calendar no longer covers
            "2026-12-31, 0, false",
            "2027-01-01, 0, true",
            "2027-03-01, 60, true",
    })
    void aCalendarSaysWhenTheLastYearItNamesRunsOut(LocalDate today, int noticeDays, boolean notice) {
        String runningOut = CALENDAR.runningOut(today, noticeDays);
        assertEquals(notice, runningOut != null, runningOut);
        if (notice) {
            assertTrue(runningOut.contains("up to 2026 only: from 2027-01-01"), runningOut);
            assertTrue(runningOut.contains("Add 2027's"), runningOut);
        }
    }

    @Test
    void aCalendarWithoutDatesNeverRunsOut() {
        assertNull(calendar("MON-FRI 09:00-18:00\nSAT-SUN closed\n", SHANGHAI).runningOut(LocalDate.of(2099, 12, 31), 60));
    }

    private static BusinessCalendar calendar(String text, ZoneId zone) {
        BusinessCalendar.Parsed parsed = BusinessCalendar.parse("desk.calendar", text, zone);
        assertEquals(List.of(), parsed.errors());
        return parsed.calendar();
    }
}
