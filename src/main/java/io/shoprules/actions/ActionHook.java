package io.shoprules.actions;

import io.shoprules.engine.Sha256;
import io.shoprules.engine.Now;
import io.shoprules.engine.RuleDecision;


/**
 * How a rule set's decisions from scheduled jobs become actions: the hook a feature implements (as an
 * {@code @ApplicationScoped} bean) to take part in the outbox. A rule set without one gets
 * {@link #perSubjectPerDay}: one action per decision type, subject and shop-local day.
 *
 * <p>The idempotency key is the action's identity. An action with a key that exists already is
 * never created again, however often a job re-runs, crashes or runs on two instances at once, so
 * the key must name exactly what may happen only once: "RESTOCK of this SKU today", "reminder step
 * 2 for this cart", "escalation of this complaint for this reason". Build it with {@link #key}.
 */
public interface ActionHook {

    /** The rule set this hook is for (the {@code RuleSetDefinition}'s name). */
    String ruleSet();

    /**
     * The idempotency key of the action {@code decision} becomes, or null when that decision is
     * not an action (it is still recorded in the decision log).
     *
     * @param now the moment the job run judges at, the same for all its batches
     */
    String idempotencyKey(RuleDecision decision, Now now);

    /**
     * The stored fact as it must read once the action for {@code decision} exists, e.g. a cart with
     * {@code remindersSent + 1} and {@code lastRemindedAt = now}. Return {@code fact} itself (the
     * default) to leave it alone. Called in the transaction that writes the action, for the fact
     * whose id is the decision's subject, whenever the action exists after the batch (whether this
     * batch created it or it existed already). The new fact is written only if the stored one is
     * still the one the job read, so a fact the shop re-posted meanwhile is not overwritten.
     */
    default Object afterAction(Object fact, RuleDecision decision, Now now) {
        return fact;
    }

    /** The default key: the decision type, its subject and the shop-local date. */
    static String perSubjectPerDay(RuleDecision decision, Now now) {
        return key(decision.type(), decision.subject(), now.today());
    }

    /**
     * An idempotency key from its parts: {@code key("CART_REMINDER", cartId, step)} gives
     * {@code CART_REMINDER:c-17:2}. Colons and percent signs inside a part are escaped, so parts
     * cannot run into each other; a key longer than 300 characters is shortened to a hash.
     */
    static String key(String type, Object... parts) {
        StringBuilder key = new StringBuilder(escape(type));
        for (Object part : parts) {
            key.append(':').append(escape(String.valueOf(part)));
        }
        if (key.length() <= 300) {
            return key.toString();
        }
        return escape(type) + ":sha256:" + Sha256.hexOf(key.toString());
    }

    private static String escape(String part) {
        return part.replace("%", "%25").replace(":", "%3A");
    }
}
