package io.shoprules.cart;

import io.shoprules.engine.RuleSetDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@code cart} rule set decides abandoned-cart reminders and free-shipping nudges. */
@ApplicationScoped
public class CartRuleSet implements RuleSetDefinition {

    public static final String NAME = "cart";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<?> factType() {
        return Cart.class;
    }

    @Override
    public String factId(Object fact) {
        return ((Cart) fact).cartId();
    }
}
