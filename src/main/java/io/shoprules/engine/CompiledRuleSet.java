package io.shoprules.engine;

import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One compiled, immutable version of a rule set. The knowledge base is shared by all requests;
 * each evaluation gets its own stateless session, so concurrent requests never share state. The
 * sessions' working memories come from a pool and are reset between evaluations (building one
 * costs more than the rules of a one-fact request).
 *
 * <p>Policy facts, the instances of types a rule file declares with {@code @policy}, are created
 * once per version and inserted into every evaluation: their defaults (often {@code new
 * BigDecimal("...")} for a policy number, which Drools evaluates through MVEL on every construction) are the policy
 * numbers, and they do not change between evaluations. Rules read them and must not modify them.
 */
public final class CompiledRuleSet {

    private final RuleSetSource source;
    private final List<String> ruleNames;
    private final Map<String, Object> globals;
    private final List<Object> policies;
    private final KieSessionsPool sessions;

    CompiledRuleSet(RuleSetSource source, KieSessionsPool sessions, List<String> ruleNames,
                    Map<String, Object> globals, List<Object> policies) {
        this.source = source;
        this.sessions = sessions;
        this.ruleNames = List.copyOf(ruleNames);
        this.globals = Map.copyOf(globals);
        this.policies = List.copyOf(policies);
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
        StatelessKieSession session = sessions.newStatelessKieSession();
        globals.forEach(session::setGlobal);
        DecisionCollector collector = new DecisionCollector();
        session.addEventListener(collector);
        List<Object> working = new ArrayList<>(facts.size() + policies.size() + 1);
        working.add(now);
        working.addAll(policies);
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
