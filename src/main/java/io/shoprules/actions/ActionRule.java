package io.shoprules.actions;

import java.math.BigDecimal;
import java.util.List;

/**
 * What becomes of one decision type's actions, as a rule set's {@code actions.yaml} says. Fields
 * name fields of the decision (its JSON), so the file works for decisions typed in Java and for
 * those declared in DRL alike.
 *
 * @param type          the decision type, e.g. {@code CART_REMINDER}
 * @param once          how often the action may exist: per episode or per day; null keeps the rule
 *                      set's own key (its {@link ActionHook})
 * @param episodeOf     with {@code once: EPISODE}, the decision fields that say what an episode is
 *                      about (GMV_DROP: the channel, not the channel and day); empty: the subject
 * @param customerField the decision field naming the customer the action reaches; null when it
 *                      reaches no customer. Customer-facing actions count against the contact caps
 *                      and wait out quiet hours
 * @param priority      which customer-facing actions win when the caps leave room for fewer than are
 *                      due: the higher first
 * @param recheck       whether the decision must still hold for its fact, against the serving version,
 *                      right before the action is delivered
 * @param expiresAtField the decision field after which the action is no longer worth delivering; null
 *                      when it never expires
 * @param coupon        the coupon the action carries, or null
 * @param approval      when the action waits for an operator's approval, or null
 */
public record ActionRule(String type, Once once, List<String> episodeOf, String customerField, int priority, boolean recheck,
                         String expiresAtField, Coupon coupon, Approval approval) {

    public enum Once {
        /** One action when the condition starts; another only after it was seen cleared. */
        EPISODE,
        /** One action per subject and shop-local day while the condition lasts. */
        DAY
    }

    /**
     * A single-use code issued with the action.
     *
     * @param amountField    the decision field holding the amount in yuan
     * @param expiresAtField the decision field holding when the code lapses, or null to use {@code validDays}
     * @param validDays      days the code is valid from issue when no field says, or null
     * @param customerField  the decision field naming who alone may redeem it; null: the action's
     *                       {@code customer} field, if any (a code for an action that is not a message,
     *                       such as a compensation, can still be bound to its customer)
     */
    public record Coupon(String amountField, String expiresAtField, Integer validDays, String customerField) {

        public Coupon(String amountField, String expiresAtField, Integer validDays) {
            this(amountField, expiresAtField, validDays, null);
        }
    }

    /**
     * @param amountField the decision field holding the amount (yuan) the approval is about
     * @param above       actions whose amount is above this wait for approval
     */
    public record Approval(String amountField, BigDecimal above) {
    }

    /** The rule for a type the file does not mention: the rule set's own key, nothing else. */
    public static ActionRule plain(String type) {
        return new ActionRule(type, null, List.of(), null, 0, false, null, null, null);
    }

    public boolean customerFacing() {
        return customerField != null;
    }

    /** Whether placing the action reads fields of its decision (customer, expiry, episode); most do not. */
    public boolean readsDecisionFields() {
        return customerFacing() || expiresAtField != null || !episodeOf.isEmpty();
    }
}
