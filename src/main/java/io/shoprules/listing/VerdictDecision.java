package io.shoprules.listing;

import io.shoprules.engine.Decision;

/** The overall result of checking one listing. */
public record VerdictDecision(String listingId, Verdict verdict) implements Decision {

    public static final String TYPE = "VERDICT";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String subject() {
        return listingId;
    }
}
