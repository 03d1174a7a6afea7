package io.shoprules.inventory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * SKUs to decide on.
 *
 * @param now   the moment to decide at; the clock when absent
 * @param facts the SKUs
 */
public record InventoryDecisionRequest(OffsetDateTime now,
                                       @NotNull @Size(max = 10_000) List<@NotNull @Valid Sku> facts) {
}
