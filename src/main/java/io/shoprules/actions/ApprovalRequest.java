package io.shoprules.actions;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The optional body of an approval or rejection. */
@Schema(description = "An operator's note on a verdict")
public record ApprovalRequest(@Schema(description = "Why, for the record") @Size(max = 1000) String note) {
}
