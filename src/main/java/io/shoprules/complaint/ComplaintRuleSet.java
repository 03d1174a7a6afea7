package io.shoprules.complaint;

import io.shoprules.engine.RuleSetDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@code complaint} rule set decides compensation, refunds, escalations and crisis alerts. */
@ApplicationScoped
public class ComplaintRuleSet implements RuleSetDefinition {

    public static final String NAME = "complaint";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<?> factType() {
        return Complaint.class;
    }

    @Override
    public String factId(Object fact) {
        return ((Complaint) fact).complaintId();
    }

    /** A crisis is judged over one SKU's complaints: the scan must see them together. */
    @Override
    public boolean scansInGroups() {
        return true;
    }

    @Override
    public String scanGroup(Object fact) {
        Complaint complaint = (Complaint) fact;
        // complaints without a SKU never meet others in a rule: each is a group of its own
        return complaint.skuId() == null ? "complaint:" + complaint.complaintId() : "sku:" + complaint.skuId();
    }
}
