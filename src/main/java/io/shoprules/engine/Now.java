package io.shoprules.engine;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The moment a rule set is evaluated at, inserted as a fact into every evaluation so rules can
 * reason about time without reading the clock themselves (scenarios stay reproducible).
 *
 * <p>In DRL: {@code Now( $today : today )}, {@code Now( localTime >= LocalTime.of(22, 0) )}.
 *
 * @param at   the instant, with the offset the caller wrote it in
 * @param zone the shop's time zone, in which calendar days and clock times are judged
 */
public record Now(OffsetDateTime at, ZoneId zone) {

    private static final long MAX_SHIFT_HOURS = Duration.between(TimeRange.EARLIEST, TimeRange.LATEST).toHours();

    /** The shop's calendar date at this moment. */
    public LocalDate today() {
        return at.atZoneSameInstant(zone).toLocalDate();
    }

    /** The shop's wall-clock time at this moment. */
    public LocalTime localTime() {
        return at.atZoneSameInstant(zone).toLocalTime();
    }

    /** Whole days from {@code date} to today (negative when {@code date} lies ahead). */
    public long daysSince(LocalDate date) {
        return ChronoUnit.DAYS.between(date, today());
    }

    /** Time elapsed since {@code instant} (negative when it lies ahead). */
    public Duration since(OffsetDateTime instant) {
        return Duration.between(instant, at);
    }

    /** Hours elapsed since {@code instant}, with minutes as the fraction. */
    public double hoursSince(OffsetDateTime instant) {
        return since(instant).toSeconds() / 3600.0;
    }

    /**
     * This moment shifted by {@code hours}, in the shop's offset. A shift longer than the whole
     * {@link TimeRange} is cut to that length: with {@code at} in the range the result then stays far
     * inside java.time's limits, whatever number a policy holds (an overflow here was a 500).
     */
    public OffsetDateTime plusHours(long hours) {
        long bounded = Math.max(-MAX_SHIFT_HOURS, Math.min(MAX_SHIFT_HOURS, hours));
        return at.atZoneSameInstant(zone).plusHours(bounded).toOffsetDateTime();
    }
}
