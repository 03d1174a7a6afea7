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
}
