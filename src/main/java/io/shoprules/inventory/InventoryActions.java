package io.shoprules.inventory;

import io.shoprules.actions.ActionHook;
import io.shoprules.engine.Now;
import io.shoprules.engine.RuleDecision;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Inventory decisions from the nightly scan as outbox actions: at most one RESTOCK and one
 * CLEARANCE per SKU per shop-local day, however often the scan runs.
 */
@ApplicationScoped
public class InventoryActions implements ActionHook {

    @Override
    public String ruleSet() {
        return InventoryRuleSet.NAME;
    }

    @Override
    public String idempotencyKey(RuleDecision decision, Now now) {
        if (decision.decision() instanceof RestockDecision restock) {
            return ActionHook.key(RestockDecision.TYPE, restock.skuId(), now.today());
        }
        if (decision.decision() instanceof ClearanceDecision clearance) {
            return ActionHook.key(ClearanceDecision.TYPE, clearance.skuId(), now.today());
        }
        return ActionHook.perSubjectPerDay(decision, now);
    }
}
