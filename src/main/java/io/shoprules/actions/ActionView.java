package io.shoprules.actions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** An action as {@code GET /api/actions} shows it and the webhook receives it. */
@Schema(description = "An action from the outbox")
public record ActionView(long id, String idempotencyKey, String ruleSet, String type, String subject,
                         ActionStatus status, int attempts, OffsetDateTime nextAttemptAt, String lastError,
                         String version, String rule, Long jobRunId, OffsetDateTime createdAt,
                         OffsetDateTime deliveredAt, OffsetDateTime ackedAt,
                         @Schema(description = "The decision, as the decisions endpoint answers it") JsonNode decision,
                         @Schema(description = "Why the action is in its status (over a cap, cancelled by a re-check, ...); null when nothing needs saying") String reason,
                         @Schema(description = "The customer a customer-facing action reaches") String customer,
                         @Schema(description = "While HELD: when the contact gate releases it") OffsetDateTime releaseAt,
                         @Schema(description = "When it is no longer worth delivering") OffsetDateTime expiresAt,

                         @Schema(description = "Who approved or rejected it, when and why; absent unless it waited for approval")
                         @JsonInclude(JsonInclude.Include.NON_NULL) Approval approval) {

    /** An operator's verdict on an action that waited for approval. */
    public record Approval(String verdict, String decidedBy, OffsetDateTime decidedAt, String note) {
    }
}
