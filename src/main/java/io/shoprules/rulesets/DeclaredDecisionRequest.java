package io.shoprules.rulesets;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Facts for a rule set whose fact type its rule files declare; each is read and checked against the
 * declaration ({@code GET /api/rulesets/{ruleSet}/schema}).
 *
 * @param now   the moment to decide at; the clock when absent
 * @param facts the facts, as JSON objects with the declared fields
 */
public record DeclaredDecisionRequest(
        OffsetDateTime now,
        @Schema(description = "Facts with the fields the rule set declares (see GET /api/rulesets/{ruleSet}/schema)")
        @NotNull @Size(max = 10_000) List<@NotNull JsonNode> facts) {
}
