package io.shoprules.listing;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/**
 * A certificate or licence the listing relies on (food licence, 3C, cosmetics filing ...).
 *
 * @param expiresOn the last day it is valid
 */
@Schema(description = "A certificate the listing relies on")
public record Qualification(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 200) String number,
        @NotNull LocalDate expiresOn) {
}
