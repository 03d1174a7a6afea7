package io.shoprules.listing;


import java.time.LocalDate;

/** A certificate that has expired or is about to. */
public record QualificationDecision(String listingId, String name, QualificationStatus status, LocalDate expiresOn,
                                    Severity severity) implements ListingFinding {

    public static final String TYPE = "QUALIFICATION";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String subject() {
        return listingId;
    }
}
