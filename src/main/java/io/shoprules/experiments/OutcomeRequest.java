package io.shoprules.experiments;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * What happened to a subject: e.g. {@code {"ruleSet": "cart", "subject": "cust-1", "outcome": "paid",
 * "value": 199.0, "at": "..."}}. Posting the same rule set, subject, outcome and {@code at} again
 * changes nothing.
 *
 * @param subject the value of the experiment's subject field (a customer id), not the decision's subject
 * @param value   what the outcome was worth, e.g. the order amount in yuan; 0 when absent
 */
public record OutcomeRequest(
        @NotBlank @Size(max = 64) String ruleSet,
        @NotBlank @Size(max = 128) String subject,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}") String outcome,
        @Digits(integer = 15, fraction = 4) BigDecimal value,
        @NotNull OffsetDateTime at) {

    public OutcomeRequest {
        value = value == null ? BigDecimal.ZERO : value;
    }
}
