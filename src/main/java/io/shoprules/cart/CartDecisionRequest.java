package io.shoprules.cart;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Carts to decide on.
 *
 * @param now   the moment to decide at; the clock when absent
 * @param facts the carts
 */
public record CartDecisionRequest(OffsetDateTime now,
                                  @NotNull @Size(max = 10_000) List<@NotNull @Valid Cart> facts) {
}
