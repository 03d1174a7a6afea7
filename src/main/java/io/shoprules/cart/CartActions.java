package io.shoprules.cart;

import io.shoprules.actions.ActionHook;
import io.shoprules.engine.Now;
import io.shoprules.engine.RuleDecision;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Cart decisions from the scan as outbox actions: each reminder step once per cart, and the cart
 * remembers it, so the next scan moves on to step 2 and never sends step 1 again.
 */
@ApplicationScoped
public class CartActions implements ActionHook {

    @Override
    public String ruleSet() {
        return CartRuleSet.NAME;
    }

    @Override
    public String idempotencyKey(RuleDecision decision, Now now) {
        if (decision.decision() instanceof CartReminder reminder) {
            return ActionHook.key(CartReminder.TYPE, reminder.cartId(), reminder.step());
        }
        if (decision.decision() instanceof FreeShippingNudge nudge) {
            // One nudge per cart and size: adding or removing items may earn a new one.
            return ActionHook.key(FreeShippingNudge.TYPE, nudge.cartId(), nudge.itemsToAdd());
        }
        return ActionHook.perSubjectPerDay(decision, now);
    }

    @Override
    public Object afterAction(Object fact, RuleDecision decision, Now now) {
        if (fact instanceof Cart cart && decision.decision() instanceof CartReminder reminder
                && cart.remindersSent() < reminder.step()) {
            return cart.reminded(reminder.step(), now.at());
        }
        return fact;
    }
}
