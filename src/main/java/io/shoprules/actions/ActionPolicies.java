package io.shoprules.actions;

import io.shoprules.engine.Now;
import io.shoprules.engine.RuleDecision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.HashMap;
import java.util.Map;

/** The {@link ActionPolicy} of each rule set, from the beans features register. */
@ApplicationScoped
public class ActionPolicies {

    private final Map<String, ActionPolicy> policies = new HashMap<>();

    public ActionPolicies(Instance<ActionPolicy> registered) {
        for (ActionPolicy policy : registered) {
            ActionPolicy clash = policies.put(policy.ruleSet(), policy);
            if (clash != null) {
                throw new IllegalStateException("two action policies for rule set " + policy.ruleSet() + ": "
                        + clash.getClass().getName() + " and " + policy.getClass().getName());
            }
        }
    }

    public ActionPolicy of(String ruleSet) {
        return policies.getOrDefault(ruleSet, new PerSubjectPerDay(ruleSet));
    }

    private record PerSubjectPerDay(String ruleSet) implements ActionPolicy {
        @Override
        public String idempotencyKey(RuleDecision decision, Now now) {
            return ActionPolicy.perSubjectPerDay(decision, now);
        }
    }
}
