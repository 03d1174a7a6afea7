package io.shoprules.cluster;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** What the JDBC drivers hand back for {@code timestamp with time zone} in native queries, as one type. */
final class Timestamps {

    private Timestamps() {
    }

    static OffsetDateTime of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset;
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.time.ZonedDateTime zoned) {
            return zoned.toOffsetDateTime();
        }
        throw new IllegalArgumentException("not a timestamp: " + value.getClass());
    }
}
