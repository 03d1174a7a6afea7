package io.shoprules.listing;

import io.shoprules.actions.ActionHook;
import io.shoprules.engine.Now;
import io.shoprules.engine.RuleDecision;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Listing decisions from the nightly scan as outbox actions: a finding once for as long as it
 * stands (the same term at the same place, the same certificate in the same state); the verdict
 * sums the findings up and is not an action of its own.
 */
@ApplicationScoped
public class ListingActions implements ActionHook {

    @Override
    public String ruleSet() {
        return ListingRuleSet.NAME;
    }

    @Override
    public String idempotencyKey(RuleDecision decision, Now now) {
        if (decision.decision() instanceof ViolationDecision violation) {
            return ActionHook.key(ViolationDecision.TYPE, violation.listingId(), violation.field(), violation.matched(),
                    violation.start());
        }
        if (decision.decision() instanceof QualificationDecision qualification) {
            return ActionHook.key(QualificationDecision.TYPE, qualification.listingId(), qualification.name(),
                    qualification.status(), qualification.expiresOn());
        }
        if (decision.decision() instanceof VerdictDecision) {
            return null;
        }
        return ActionHook.perSubjectPerDay(decision, now);
    }
}
