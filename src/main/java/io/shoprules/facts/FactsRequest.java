package io.shoprules.facts;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * Facts to keep. Each is read as the rule set's fact type (a {@code Sku} for {@code inventory}, ...)
 * and checked like a decision request's facts.
 */
public record FactsRequest(
        @Schema(description = "The facts, each with its id field (skuId, cartId, complaintId, listingId)")
        @NotNull @Size(max = 10_000) List<@NotNull JsonNode> facts) {
}
