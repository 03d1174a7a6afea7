package io.shoprules.console;

import io.shoprules.engine.EngineConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Times on the console's pages as the shop reads them: in the shop's time zone, to the second.
 * The API keeps ISO-8601 instants; a page shows {@code 2026-12-01 11:40:04} with the exact instant
 * in the element's {@code datetime} (templates/tags/time.html).
 */
@ApplicationScoped
@Named("shopTime")
public class ShopTime {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ZoneId zone;

    public ShopTime(EngineConfig config) {
        this.zone = config.shop().zone();
    }

    /** An Instant, OffsetDateTime or ZonedDateTime in the shop's zone; anything else as it prints. */
    public String of(Object time) {
        Instant instant = instantOf(time);
        return instant == null ? String.valueOf(time) : SHOWN.format(instant.atZone(zone));
    }

    /** The exact instant, in UTC, for the element's datetime attribute. */
    public String iso(Object time) {
        Instant instant = instantOf(time);
        return instant == null ? String.valueOf(time) : instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    public String zone() {
        return zone.getId();
    }

    private static Instant instantOf(Object time) {
        if (time instanceof Instant instant) {
            return instant;
        }
        if (time instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (time instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        return null;
    }
}
