package io.shoprules.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;

/**
 * The times the service accepts: from 1970-01-01 to the end of 9999, UTC. Every store writes them
 * (PostgreSQL's timestamptz ends in the year 294276: a {@code now} of +300000 was answered 200 and then
 * stopped the decision log), ISO-8601 writes them without a sign, and rule arithmetic of any policy span
 * on them stays far from java.time's limits. Nothing a shop sells, ships or answers predates 1970.
 */
public final class TimeRange {

    public static final int FIRST_YEAR = 1970;
    public static final int LAST_YEAR = 9999;
    public static final Instant EARLIEST = OffsetDateTime.of(FIRST_YEAR, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant();
    public static final Instant LATEST = OffsetDateTime.of(LAST_YEAR, 12, 31, 23, 59, 59, 999_999_999, ZoneOffset.UTC)
            .toInstant();
    /** What a client reads when a time lies outside the range. */
    public static final String OUT_OF_RANGE = "must lie between " + FIRST_YEAR + "-01-01 and " + LAST_YEAR + "-12-31 (UTC)";

    private TimeRange() {
    }

    /** True for the temporal types facts and requests carry when they lie in the range; other types pass. */
    public static boolean contains(Temporal time) {
        if (time instanceof OffsetDateTime offset) {
            return contains(offset.toInstant());
        }
        if (time instanceof ZonedDateTime zoned) {
            return contains(zoned.toInstant());
        }
        if (time instanceof Instant instant) {
            return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
        }
        if (time instanceof LocalDate date) {
            return date.getYear() >= FIRST_YEAR && date.getYear() <= LAST_YEAR;
        }
        if (time instanceof LocalDateTime dateTime) {
            return dateTime.getYear() >= FIRST_YEAR && dateTime.getYear() <= LAST_YEAR;
        }
        return true;
    }
}
