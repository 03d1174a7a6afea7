package io.shoprules.facts;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;

/** A stored fact as {@code GET /api/facts/{ruleSet}/{factId}} shows it. */
public record StoredFactView(String ruleSet, String factId, OffsetDateTime updatedAt, String contentHash, JsonNode fact) {
}
