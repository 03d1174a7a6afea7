package io.shoprules.complaint;

import io.shoprules.engine.RuleFileError;
import io.shoprules.engine.TimeRange;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hours the shop's service desk works, read from {@code rules/complaint/business-hours.calendar}:
 * opening hours per weekday, public holidays (closed) and make-up working days (open on a day that is
 * normally closed, such as the Saturdays China's holiday schedule moves work to). The complaint SLAs
 * count these hours only, so a complaint made on Friday evening is not late on Saturday morning.
 * The rules call it as the global {@code businessHours}.
 *
 * <p>Immutable and shared by every evaluation of a rule-set version. Clock times in the file are in
 * the shop's time zone ({@code shoprules.shop.zone}, the zone of the {@code Now} fact); instants of any
 * offset may be given and are compared as instants, so a DST change inside a range shortens or
 * lengthens it as the wall clock does.
 *
 * <p>Bounded work: both methods walk the calendar day by day and look at no more than
 * {@link #MAX_DAYS} days (an SLA falls due within days, not years). {@link #hoursBetween} counts
 * the open hours of at most that many days after the earlier instant; {@link #addBusinessHours}
 * answers null when the hours are not reached within that many days.
 */
public final class BusinessCalendar {

    /** The calendar file of the complaint rule set. */
    public static final String FILE = "business-hours.calendar";
    public static final String SUFFIX = ".calendar";
    /** How many days the methods walk at most: a year and a day. */
    public static final int MAX_DAYS = 366;
    /** A holiday line spans at most this many days: the longest public holiday lasts nine. */
    static final int MAX_HOLIDAY_DAYS = 31;

    private static final Pattern WEEKDAY_LINE = Pattern.compile("([A-Za-z]{3})(?:\\s*-\\s*([A-Za-z]{3}))?\\s+(.+)");
    private static final Pattern HOLIDAY_LINE = Pattern.compile("(?i)holiday\\s+(\\S+?)(?:\\.\\.(\\S+))?(?:\\s+(.*))?");
    private static final Pattern WORKDAY_LINE = Pattern.compile("(?i)workday\\s+(\\S+)(?:\\s+(.*))?");
    private static final Pattern RANGE = Pattern.compile("(\\d{2}):(\\d{2})-(\\d{2}):(\\d{2})");
    private static final Map<String, DayOfWeek> DAYS = Map.of("MON", DayOfWeek.MONDAY, "TUE", DayOfWeek.TUESDAY,
            "WED", DayOfWeek.WEDNESDAY, "THU", DayOfWeek.THURSDAY, "FRI", DayOfWeek.FRIDAY,
            "SAT", DayOfWeek.SATURDAY, "SUN", DayOfWeek.SUNDAY);

    /**
     * One stretch of open time within a day; {@code end} null stands for midnight at the end of the
     * day (written {@code 24:00}).
     */
    public record OpenHours(LocalTime start, LocalTime end) {

        Instant startOn(LocalDate date, ZoneId zone) {
            return date.atTime(start).atZone(zone).toInstant();
        }

        Instant endOn(LocalDate date, ZoneId zone) {
            return end == null ? date.plusDays(1).atStartOfDay(zone).toInstant() : date.atTime(end).atZone(zone).toInstant();
        }

        @Override
        public String toString() {
            return start + "-" + (end == null ? "24:00" : end.toString());
        }
    }

    /** What reading a calendar file gave: the calendar, or the errors with their lines. */
    public record Parsed(BusinessCalendar calendar, List<RuleFileError> errors) {
    }

    private final ZoneId zone;
    private final Map<DayOfWeek, List<OpenHours>> week;
    private final Map<LocalDate, String> holidays;
    private final Map<LocalDate, List<OpenHours>> workdays;

    BusinessCalendar(ZoneId zone, Map<DayOfWeek, List<OpenHours>> week, Map<LocalDate, String> holidays,
                     Map<LocalDate, List<OpenHours>> workdays) {
        this.zone = Objects.requireNonNull(zone);
        this.week = Collections.unmodifiableMap(new EnumMap<>(week));
        this.holidays = Map.copyOf(holidays);
        this.workdays = Map.copyOf(workdays);
    }

    /** Open round the clock: every hour counts, as when the SLAs counted clock hours. */
    public static BusinessCalendar roundTheClock(ZoneId zone) {
        Map<DayOfWeek, List<OpenHours>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, List.of(new OpenHours(LocalTime.MIDNIGHT, null)));
        }
        return new BusinessCalendar(zone, week, Map.of(), Map.of());
    }

    public ZoneId zone() {
        return zone;
    }

    /** The open hours of a date in the shop's calendar: none on a holiday, a make-up day's own. */
    public List<OpenHours> openHoursOn(LocalDate date) {
        if (holidays.containsKey(date)) {
            return List.of();
        }
        List<OpenHours> workday = workdays.get(date);
        return workday != null ? workday : week.get(date.getDayOfWeek());
    }

    /**
     * What to do about the calendar on {@code today}, when within {@code noticeDays} of the end of the
     * last year its holiday and make-up day lines name (holidays are announced a year at a time); null
     * while it is further off, or when the file names no dates at all.
     */
    public String runningOut(LocalDate today, int noticeDays) {
        LocalDate last = lastDatedDay();
        if (last == null) {
            return null;
        }
        LocalDate uncovered = LocalDate.of(last.getYear() + 1, 1, 1);
        if (today.plusDays(noticeDays).isBefore(uncovered)) {
            return null;
        }
        return "names holidays and make-up working days up to " + last.getYear() + " only: from " + uncovered
                + " the SLAs count public holidays as working days and make-up days as rest days. Add "
                + uncovered.getYear() + "'s holiday and workday lines once they are announced.";
    }

    /** The last date a holiday or make-up working day line names, or null when the file names none. */
    LocalDate lastDatedDay() {
        LocalDate last = null;
        for (LocalDate date : holidays.keySet()) {
            last = last == null || date.isAfter(last) ? date : last;
        }
        for (LocalDate date : workdays.keySet()) {
            last = last == null || date.isAfter(last) ? date : last;
        }
        return last;
    }

    /** The holiday's name when {@code date} is a holiday (an empty name when the file gave none), else null. */
    public String holidayOn(LocalDate date) {
        return holidays.get(date);
    }

    /**
     * Business hours elapsed from {@code from} to {@code to}, as a decimal number of hours (minutes
     * and seconds as the fraction, like {@code Now.hoursSince}); negative when {@code to} lies before
     * {@code from}. Counts the open hours of at most {@link #MAX_DAYS} days after the earlier instant.
     */
    public double hoursBetween(OffsetDateTime from, OffsetDateTime to) {
        return businessTimeBetween(from, to).toSeconds() / 3600.0;
    }

    /** {@link #hoursBetween} as a duration. */
    public Duration businessTimeBetween(OffsetDateTime from, OffsetDateTime to) {
        if (to.isBefore(from)) {
            return businessTimeBetween(to, from).negated();
        }
        Instant start = from.toInstant();
        Instant end = to.toInstant();
        LocalDate first = localDate(start);
        LocalDate last = localDate(end);
        Duration open = Duration.ZERO;
        LocalDate date = first;
        for (int days = 0; days < MAX_DAYS && !date.isAfter(last); days++, date = date.plusDays(1)) {
            for (OpenHours hours : openHoursOn(date)) {
                Instant opens = max(hours.startOn(date, zone), start);
                Instant closes = min(hours.endOn(date, zone), end);
                if (opens.isBefore(closes)) {
                    open = open.plus(Duration.between(opens, closes));
                }
            }
        }
        return open;
    }

    /**
     * The instant at which {@code hours} business hours have elapsed since {@code from}: when an SLA
     * of that many hours falls due. The earliest such instant, so an SLA that runs out at closing
     * time falls due at closing time, not at the next opening. {@code from} itself for zero or fewer
     * hours; null when the hours are not reached within {@link #MAX_DAYS} days or before the end of
     * {@link TimeRange} (a rule matching {@code from} the answer then sees nothing). Answered in the
     * shop's offset.
     */
    public OffsetDateTime addBusinessHours(OffsetDateTime from, double hours) {
        if (hours <= 0 || Double.isNaN(hours)) {
            return from;
        }
        // beyond a year and a day of round-the-clock hours nothing can be reached; this also keeps the
        // conversion to seconds far from overflowing whatever the policy holds
        if (hours > MAX_DAYS * 24.0) {
            return null;
        }
        Duration needed = Duration.ofSeconds(Math.round(hours * 3600));
        Instant start = from.toInstant();
        LocalDate date = localDate(start);
        for (int days = 0; days < MAX_DAYS; days++, date = date.plusDays(1)) {
            for (OpenHours open : openHoursOn(date)) {
                Instant opens = max(open.startOn(date, zone), start);
                Instant closes = open.endOn(date, zone);
                if (!opens.isBefore(closes)) {
                    continue;
                }
                Duration available = Duration.between(opens, closes);
                if (available.compareTo(needed) >= 0) {
                    Instant due = opens.plus(needed);
                    // past the times the service accepts (the end of 9999) nothing falls due: no decision may carry such a time
                    return due.isAfter(TimeRange.LATEST) ? null : due.atZone(zone).toOffsetDateTime();
                }
                needed = needed.minus(available);
            }
        }
        return null;
    }

    private LocalDate localDate(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    @Override
    public String toString() {
        return "BusinessCalendar[" + zone + ", " + week + ", " + holidays.size() + " holidays, " + workdays.size() + " make-up days]";
    }

    /**
     * Reads a calendar file. Every weekday must be given (a closed day as {@code SAT closed}); a
     * line that cannot be read is an error naming {@code file} and the line, and the calendar is
     * then null.
     */
    public static Parsed parse(String file, String text, ZoneId zone) {
        List<RuleFileError> errors = new ArrayList<>();
        Map<DayOfWeek, List<OpenHours>> week = new EnumMap<>(DayOfWeek.class);
        Map<LocalDate, String> holidays = new HashMap<>();
        Map<LocalDate, Integer> holidayLines = new HashMap<>();
        Map<LocalDate, List<OpenHours>> workdays = new HashMap<>();
        Map<LocalDate, Integer> workdayLines = new HashMap<>();
        List<Integer> workdaysWithoutHours = new ArrayList<>();
        List<LocalDate> datesWithoutHours = new ArrayList<>();
        Set<DayOfWeek> named = EnumSet.noneOf(DayOfWeek.class);

        String[] lines = text.split("\r?\n", -1);
        for (int index = 0; index < lines.length; index++) {
            int lineNumber = index + 1;
            String line = withoutComment(lines[index]).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                Matcher holiday = HOLIDAY_LINE.matcher(line);
                Matcher workday = WORKDAY_LINE.matcher(line);
                Matcher weekday = WEEKDAY_LINE.matcher(line);
                if (holiday.matches()) {
                    LocalDate first = date(holiday.group(1));
                    LocalDate last = holiday.group(2) == null ? first : date(holiday.group(2));
                    if (last.isBefore(first)) {
                        throw new LineError("the holiday ends (" + last + ") before it starts (" + first + ")");
                    }
                    if (ChronoUnit.DAYS.between(first, last) >= MAX_HOLIDAY_DAYS) {
                        throw new LineError("a holiday line spans at most " + MAX_HOLIDAY_DAYS + " days; write longer closures as several lines");
                    }
                    String name = holiday.group(3) == null ? "" : holiday.group(3).strip();
                    for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
                        holidays.putIfAbsent(date, name);
                        holidayLines.putIfAbsent(date, lineNumber);
                    }
                } else if (workday.matches()) {
                    LocalDate date = date(workday.group(1));
                    if (workdayLines.containsKey(date)) {
                        throw new LineError("make-up day " + date + " is already given on line " + workdayLines.get(date));
                    }
                    workdayLines.put(date, lineNumber);
                    if (workday.group(2) == null || workday.group(2).isBlank()) {
                        workdaysWithoutHours.add(lineNumber);
                        datesWithoutHours.add(date);
                    } else {
                        List<OpenHours> hours = ranges(workday.group(2));
                        if (hours.isEmpty()) {
                            throw new LineError("a make-up working day needs open hours (or none, for the usual working day's)");
                        }
                        workdays.put(date, hours);
                    }
                } else if (weekday.matches()) {
                    List<DayOfWeek> days = days(weekday.group(1), weekday.group(2));
                    // a day whose line is broken is reported there, not again as a day without hours
                    named.addAll(days);
                    List<OpenHours> hours = ranges(weekday.group(3));
                    for (DayOfWeek day : days) {
                        if (week.containsKey(day)) {
                            throw new LineError(abbreviation(day) + " is given twice");
                        }
                        week.put(day, hours);
                    }
                } else {
                    throw new LineError("expected a weekday's hours (MON 09:00-18:00, SAT closed),"
                            + " a holiday (holiday 2026-10-01..2026-10-07 国庆节) or a make-up working day (workday 2026-10-10)");
                }
            } catch (LineError e) {
                errors.add(new RuleFileError(file, lineNumber, null, e.getMessage()));
            }
        }

        for (DayOfWeek day : DayOfWeek.values()) {
            if (!named.contains(day)) {
                errors.add(RuleFileError.of(file, "no hours for " + abbreviation(day)
                        + ": give every weekday a line (" + abbreviation(day) + " closed for a day the desk is shut)"));
            }
        }
        List<OpenHours> usualWorkday = usualWorkday(week);
        for (int i = 0; i < datesWithoutHours.size(); i++) {
            if (usualWorkday.isEmpty() && week.size() == DayOfWeek.values().length) {
                errors.add(new RuleFileError(file, workdaysWithoutHours.get(i), null,
                        "no weekday is open, so a make-up working day needs its hours (workday 2026-10-10 09:00-18:00)"));
            } else {
                workdays.put(datesWithoutHours.get(i), usualWorkday);
            }
        }
        workdayLines.forEach((date, workdayLine) -> {
            if (holidayLines.containsKey(date)) {
                errors.add(new RuleFileError(file, workdayLine, null, date + " is a make-up working day and a holiday (line "
                        + holidayLines.get(date) + ")"));
            }
        });
        if (week.size() == DayOfWeek.values().length && week.values().stream().allMatch(List::isEmpty)) {
            errors.add(RuleFileError.of(file, "every weekday is closed: a complaint would never fall due"));
        }
        errors.sort((a, b) -> Integer.compare(a.line() == null ? Integer.MAX_VALUE : a.line(),
                b.line() == null ? Integer.MAX_VALUE : b.line()));
        if (!errors.isEmpty()) {
            return new Parsed(null, List.copyOf(errors));
        }
        return new Parsed(new BusinessCalendar(zone, week, holidays, workdays), List.of());
    }

    /** A make-up day without hours of its own works the hours of the first open weekday from Monday. */
    private static List<OpenHours> usualWorkday(Map<DayOfWeek, List<OpenHours>> week) {
        for (DayOfWeek day : DayOfWeek.values()) {
            List<OpenHours> hours = week.get(day);
            if (hours != null && !hours.isEmpty()) {
                return hours;
            }
        }
        return List.of();
    }

    private static String withoutComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    private static LocalDate date(String text) {
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new LineError("'" + text + "' is not a date (write 2026-10-01)");
        }
        if (date.getYear() < TimeRange.FIRST_YEAR || date.getYear() > TimeRange.LAST_YEAR) {
            throw new LineError(text + " " + TimeRange.OUT_OF_RANGE);
        }
        return date;
    }

    private static List<DayOfWeek> days(String first, String last) {
        DayOfWeek from = day(first);
        if (last == null) {
            return List.of(from);
        }
        DayOfWeek to = day(last);
        if (to.compareTo(from) < 0) {
            throw new LineError("a weekday range runs from MON towards SUN (" + first + "-" + last + " runs backwards)");
        }
        List<DayOfWeek> days = new ArrayList<>();
        for (DayOfWeek day = from; ; day = day.plus(1)) {
            days.add(day);
            if (day == to) {
                return days;
            }
        }
    }

    private static DayOfWeek day(String text) {
        DayOfWeek day = DAYS.get(text.toUpperCase(Locale.ROOT));
        if (day == null) {
            throw new LineError("'" + text + "' is not a weekday (MON, TUE, WED, THU, FRI, SAT, SUN)");
        }
        return day;
    }

    private static String abbreviation(DayOfWeek day) {
        return day.name().substring(0, 3);
    }

    /** {@code closed}, or ranges {@code HH:MM-HH:MM} separated by spaces, in order and not overlapping. */
    private static List<OpenHours> ranges(String text) {
        String spec = text.strip();
        if (spec.equalsIgnoreCase("closed")) {
            return List.of();
        }
        List<OpenHours> ranges = new ArrayList<>();
        for (String part : spec.split("\\s+")) {
            Matcher range = RANGE.matcher(part);
            if (!range.matches()) {
                throw new LineError("'" + part + "' is not a range of hours (write 09:00-18:00, or closed)");
            }
            int startMinute = minuteOfDay(range.group(1), range.group(2), part);
            int endMinute = minuteOfDay(range.group(3), range.group(4), part);
            if (startMinute == 24 * 60) {
                throw new LineError(part + " starts at midnight at the end of the day: write 00:00");
            }
            if (endMinute <= startMinute) {
                throw new LineError(part + " does not end after it starts: a range stays within one day"
                        + " (for a night shift write 22:00-24:00 on one day and 00:00-02:00 on the next)");
            }
            OpenHours open = new OpenHours(LocalTime.of(startMinute / 60, startMinute % 60),
                    endMinute == 24 * 60 ? null : LocalTime.of(endMinute / 60, endMinute % 60));
            if (!ranges.isEmpty()) {
                OpenHours previous = ranges.get(ranges.size() - 1);
                if (previous.end() == null || open.start().isBefore(previous.end())) {
                    throw new LineError(part + " starts before " + previous + " ends: give a day's ranges in order, without overlap");
                }
            }
            ranges.add(open);
        }
        return List.copyOf(ranges);
    }

    private static int minuteOfDay(String hours, String minutes, String range) {
        int hour = Integer.parseInt(hours);
        int minute = Integer.parseInt(minutes);
        if (minute > 59 || hour > 24 || hour == 24 && minute != 0) {
            throw new LineError(range + " is not a time of day (00:00 to 24:00)");
        }
        return hour * 60 + minute;
    }

    /** A line that cannot be read; caught per line so one file reports all its errors. */
    private static final class LineError extends RuntimeException {
        LineError(String message) {
            super(message, null, false, false);
        }
    }
}
