package io.shoprules.engine;

import io.shoprules.errors.InvalidInputException;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Times given in query parameters, which JAX-RS would otherwise answer with a bare 404 when malformed. */
public final class IsoTimes {

    private IsoTimes() {
    }

    /**
     * {@code text} as an ISO-8601 time with offset within {@link TimeRange}, null when absent; a 400
     * naming {@code field} otherwise.
     */
    public static OffsetDateTime parse(String field, String text) {
        if (text == null) {
            return null;
        }
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "an ISO-8601 time with offset is expected");
        }
        if (!TimeRange.contains(time)) {
            throw new InvalidInputException(field, TimeRange.OUT_OF_RANGE);
        }
        return time;
    }
}
