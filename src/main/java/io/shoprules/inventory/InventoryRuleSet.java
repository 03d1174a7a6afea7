package io.shoprules.inventory;

import io.shoprules.engine.RuleSetDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@code inventory} rule set decides restock orders and clearance plans for SKUs. */
@ApplicationScoped
public class InventoryRuleSet implements RuleSetDefinition {

    public static final String NAME = "inventory";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<?> factType() {
        return Sku.class;
    }

    @Override
    public String factId(Object fact) {
        return ((Sku) fact).skuId();
    }
}
