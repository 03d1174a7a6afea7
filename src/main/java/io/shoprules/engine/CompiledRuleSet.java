package io.shoprules.engine;

import org.kie.api.KieBase;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.StatelessKieSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One compiled, immutable version of a rule set. The knowledge base is shared by all requests;
 * each evaluation gets its own stateless session, so concurrent requests never share state.
 */
public final class CompiledRuleSet {

    private final RuleSetSource source;
    private final KieBase kieBase;
    private final List<String> ruleNames;
    private final Map<String, Object> globals;

    CompiledRuleSet(RuleSetSource source, KieBase kieBase, List<String> ruleNames, Map<String, Object> globals) {
        this.source = source;
        this.kieBase = kieBase;
        this.ruleNames = List.copyOf(ruleNames);
        this.globals = Map.copyOf(globals);
    }

    public String name() {
        return source.name();
    }

    public String version() {
        return source.version();
    }

    public RuleSetSource source() {
        return source;
    }

    public List<String> ruleNames() {
        return ruleNames;
    }

    /**
     * Runs the rules over {@code facts} at the moment {@code now} and returns every decision a
     * rule inserted, in the order they were made.
     */
    public Evaluation evaluate(Now now, List<?> facts) {
        StatelessKieSession session = kieBase.newStatelessKieSession();
        globals.forEach(session::setGlobal);
        DecisionCollector collector = new DecisionCollector();
        session.addEventListener(collector);
        List<Object> working = new ArrayList<>(facts.size() + 1);
        working.add(now);
        working.addAll(facts);
        try {
            session.execute(working);
        } catch (RuntimeException e) {
            throw new RuleExecutionException(name(), version(), e);
        }
        return new Evaluation(name(), version(), now.at(), collector.decisions);
    }

    /** Collects decisions as rules insert them, with the name of the inserting rule. */
    private static final class DecisionCollector extends DefaultRuleRuntimeEventListener {
        private final List<RuleDecision> decisions = new ArrayList<>();

        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            if (event.getObject() instanceof Decision decision && event.getRule() != null) {
                decisions.add(new RuleDecision(event.getRule().getName(), decision));
            }
        }
    }
}
