package io.shoprules.experiments;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * What {@code POST /api/outcomes} answers.
 *
 * @param experiment the running (or latest) experiment of the rule set it was credited to; null when there was none
 * @param variant    the subject's variant in that experiment
 * @param counted    whether the subject has had a decision in that experiment, so the outcome counts in its results
 * @param repeated   true when this outcome had been posted before (nothing changed)
 */
public record OutcomeReceipt(long id, String ruleSet, String subject, String outcome, BigDecimal value,
                             OffsetDateTime at, String experiment, String variant, boolean counted, boolean repeated) {
}
