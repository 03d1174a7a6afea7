package io.shoprules.decisions;

import java.time.OffsetDateTime;

/** Filters for reading the decision log; null means "any". */
public record DecisionQuery(String ruleSet, String subject, String type, OffsetDateTime since, int page, int size) {
}
