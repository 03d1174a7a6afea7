package io.shoprules.actions;

import io.shoprules.engine.CompiledRuleSet;
import io.shoprules.engine.RuleSetFileCheck;
import io.shoprules.engine.RuleSetSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Keeps each rule set's {@code actions.yaml} checked with its rules (a broken file rejects the
 * version) and read once per version.
 */
@ApplicationScoped
public class ActionRulesFile implements RuleSetFileCheck {

    /** Per rule set, the version read last and what it says; versions change rarely. */
    private final ConcurrentMap<String, Read> read = new ConcurrentHashMap<>();

    private record Read(String version, ActionRules rules) {
    }

    @Override
    public void check(RuleSetSource source) {
        ActionRules.of(source);
    }

    /** What {@code compiled}'s {@code actions.yaml} says (it passed {@link #check} before it could serve). */
    public ActionRules of(CompiledRuleSet compiled) {
        Read last = read.get(compiled.name());
        if (last != null && last.version().equals(compiled.version())) {
            return last.rules();
        }
        ActionRules rules = ActionRules.of(compiled.source());
        read.put(compiled.name(), new Read(compiled.version(), rules));
        return rules;
    }
}
