package io.shoprules.actions;

import java.time.OffsetDateTime;

/**
 * Filters for reading the outbox; null means "any". Results come in id order; {@code afterId} pages
 * by keyset (pass the last id seen), {@code page}/{@code size} by offset.
 */
public record ActionQuery(String ruleSet, String type, ActionStatus status, String subject, OffsetDateTime since,
                          Long afterId, int page, int size) {
}
