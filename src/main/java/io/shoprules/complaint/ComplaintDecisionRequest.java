package io.shoprules.complaint;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Complaints to decide on.
 *
 * @param now   the moment to decide at; the clock when absent
 * @param facts the complaints
 */
public record ComplaintDecisionRequest(OffsetDateTime now,
                                  @NotNull @Size(max = 10_000) List<@NotNull @Valid Complaint> facts) {
}
