package io.shoprules.listing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * A product listing's copy, checked before it goes live.
 *
 * @param category the shop's product category, e.g. 食品, 药品, 医疗器械
 */
@Schema(description = "A listing's copy and certificates")
public record Listing(
        @NotBlank @Size(max = 128) String listingId,
        Platform platform,
        @Size(max = 200) String category,
        @Size(max = Listing.MAX_TEXT) String title,
        @Size(max = Listing.MAX_TEXT) String description,
        @Size(max = 100) List<@NotNull @Valid Qualification> qualifications) {

    /** Longest title or description accepted, in characters. */
    public static final int MAX_TEXT = 100_000;

    public Listing {
        platform = platform == null ? Platform.OTHER : platform;
        qualifications = qualifications == null ? List.of() : List.copyOf(qualifications);
    }
}
