package io.shoprules.complaint;

import io.shoprules.actions.ActionHook;
import io.shoprules.engine.Now;
import io.shoprules.engine.RuleDecision;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Complaint decisions from the SLA scan as outbox actions: compensation, refund and review once
 * per complaint, an escalation and an SLA warning once per complaint and reason, a crisis alert once a day per SKU
 * and complaint type.
 */
@ApplicationScoped
public class ComplaintActions implements ActionHook {

    @Override
    public String ruleSet() {
        return ComplaintRuleSet.NAME;
    }

    @Override
    public String idempotencyKey(RuleDecision decision, Now now) {
        if (decision.decision() instanceof EscalationDecision escalation) {
            return ActionHook.key(EscalationDecision.TYPE, escalation.complaintId(), escalation.reason());
        }
        if (decision.decision() instanceof SlaWarning warning) {
            // the due instant moves when the calendar is edited: the key leaves it out, so a complaint is warned once
            return ActionHook.key(SlaWarning.TYPE, warning.complaintId(), warning.reason());
        }
        if (decision.decision() instanceof CrisisAlert crisis) {
            return ActionHook.key(CrisisAlert.TYPE, crisis.skuId(), crisis.complaintType(), now.today());
        }
        return ActionHook.key(decision.type(), decision.subject());
    }
}
