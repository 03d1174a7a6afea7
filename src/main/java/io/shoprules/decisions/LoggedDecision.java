package io.shoprules.decisions;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.util.List;

/** A decision as the decision log shows it. */
public record LoggedDecision(long id, String ruleSet, String version, String rule, String type, String subject,
                             List<String> factIds, DecisionSource source, OffsetDateTime evaluatedAt,
                             OffsetDateTime decidedAt, JsonNode decision) {
}
