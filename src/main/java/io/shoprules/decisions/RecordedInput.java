package io.shoprules.decisions;

import java.time.OffsetDateTime;

/**
 * The input of one REST decision request as it was recorded.
 *
 * @param id         keyset position: rows are read in id order
 * @param ruleSet    the rule set asked
 * @param receivedAt when the request came in
 * @param now        the moment it was decided at (its {@code now}, or the clock's)
 * @param facts      the facts as a JSON array, normalised by the service's reading of them
 * @param requestId  the request's id, which its logged decisions carry too (0 for rows recorded before V11)
 */
public record RecordedInput(long id, String ruleSet, OffsetDateTime receivedAt, OffsetDateTime now, String facts,
                            long requestId) {
}
