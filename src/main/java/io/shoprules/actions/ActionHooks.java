package io.shoprules.actions;

import io.shoprules.engine.DeclaredDecision;
import io.shoprules.engine.Now;
import io.shoprules.engine.RuleDecision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.HashMap;
import java.util.Map;

/** The {@link ActionHook} of each rule set, from the beans features register. */
@ApplicationScoped
public class ActionHooks {

    private final Map<String, ActionHook> hooks = new HashMap<>();

    public ActionHooks(Instance<ActionHook> registered) {
        for (ActionHook hook : registered) {
            ActionHook clash = hooks.put(hook.ruleSet(), hook);
            if (clash != null) {
                throw new IllegalStateException("two action hooks for rule set " + hook.ruleSet() + ": "
                        + clash.getClass().getName() + " and " + hook.getClass().getName());
            }
        }
    }

    public ActionHook of(String ruleSet) {
        return hooks.getOrDefault(ruleSet, new PerSubjectPerDay(ruleSet));
    }

    /**
     * The hook of a rule set without one of its own: a decision declared in a rule file is keyed as
     * its {@code @once} says; any other decision once per type, subject and day.
     */
    private record PerSubjectPerDay(String ruleSet) implements ActionHook {
        @Override
        public String idempotencyKey(RuleDecision decision, Now now) {
            if (decision.decision() instanceof DeclaredDecision declared) {
                return ActionHook.key(declared.type(), declared.idempotencyParts(now.today()).toArray());
            }
            return ActionHook.perSubjectPerDay(decision, now);
        }
    }
}
