package io.shoprules.engine;

import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
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
    private final EvaluationBudget.Limits limits;
    private final DeclaredRuleSet declared;

    CompiledRuleSet(RuleSetSource source, KieSessionsPool sessions, List<String> ruleNames,
                    Map<String, Object> globals, List<Object> policies, EvaluationBudget.Limits limits,
                    DeclaredRuleSet declared) {
        this.source = source;
        this.declared = declared;
        this.limits = limits;
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
     * The fact and decision types this version declares in its rule files, or null for a rule set
     * typed in Java. Its classes belong to this version: read facts with it for this version only.
     */
    public DeclaredRuleSet declared() {
        return declared;
    }

    /**
     * Runs the rules over {@code facts} at the moment {@code now} and returns every decision a
     * rule inserted, in the order they were made.
     *
     * @throws RuleLimitException     when the rules pass a limit of one evaluation (time, firings, facts)
     * @throws RuleExecutionException when a rule fails on these facts
     */
    public Evaluation evaluate(Now now, List<?> facts) {
        return EvaluationBudget.within(limits, budget -> {
            StatelessKieSession session = sessions.newStatelessKieSession();
            globals.forEach(session::setGlobal);
            DecisionCollector collector = new DecisionCollector(budget, declared);
            session.addEventListener(collector);
            session.addEventListener(new FiringCounter(budget));
            List<Object> working = new ArrayList<>(facts.size() + policies.size() + 1);
            working.add(now);
            working.addAll(policies);
            working.addAll(facts);
            try {
                session.execute(working);
            } catch (RuntimeException | StackOverflowError e) {
                if (budget.exceeded() != null) {
                    throw new RuleLimitException(name(), version(), budget.rule(), budget.exceeded());
                }
                throw new RuleExecutionException(name(), version(), e);
            }
            return new Evaluation(name(), version(), now.at(), collector.decisions, budget.firedRules());
        });
    }

    /** Collects decisions as rules insert them, with the name of the inserting rule. */
    private static final class DecisionCollector extends DefaultRuleRuntimeEventListener {
        private final List<RuleDecision> decisions = new ArrayList<>();
        private final EvaluationBudget budget;
        private final DeclaredRuleSet declared;

        DecisionCollector(EvaluationBudget budget, DeclaredRuleSet declared) {
            this.budget = budget;
            this.declared = declared;
        }

        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            if (event.getRule() == null) {
                return;
            }
            budget.inserted(event.getRule().getName());
            if (event.getObject() instanceof Decision decision) {
                decisions.add(new RuleDecision(event.getRule().getName(), decision));
            } else if (declared != null) {
                Decision decision = declared.decisionOf(event.getObject());
                if (decision != null) {
                    decisions.add(new RuleDecision(event.getRule().getName(), decision));
                }
            }
        }

        @Override
        public void objectUpdated(ObjectUpdatedEvent event) {
            if (event.getRule() != null) {
                budget.changed(event.getRule().getName());
            }
        }

        @Override
        public void objectDeleted(ObjectDeletedEvent event) {
            if (event.getRule() != null) {
                budget.changed(event.getRule().getName());
            }
        }
    }

    /** Counts firings against the budget, so a rule that re-fires itself is stopped. */
    private static final class FiringCounter extends DefaultAgendaEventListener {
        private final EvaluationBudget budget;

        FiringCounter(EvaluationBudget budget) {
            this.budget = budget;
        }

        @Override
        public void beforeMatchFired(BeforeMatchFiredEvent event) {
            budget.firing(event.getMatch().getRule().getName());
        }
    }
}
