package io.shoprules.listing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Listings to check.
 *
 * @param now   the moment to decide at; the clock when absent
 * @param facts the listings
 */
public record ListingDecisionRequest(OffsetDateTime now,
                                  @NotNull @Size(max = 10_000) List<@NotNull @Valid Listing> facts) {
}
