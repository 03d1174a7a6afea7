package io.shoprules.actions;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The optional body of an approval or rejection. */
@Schema(description = "An operator's note on a verdict")
public record ApprovalRequest(@Schema(description = "Why, for the record", maxLength = ApprovalRequest.MAX_NOTE) String note) {

    public static final int MAX_NOTE = 1000;
}
