package io.shoprules.engine;

import org.kie.api.KieBase;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One compiled, immutable version of a rule set. The knowledge base is shared by all requests;
 * each evaluation has a session to itself, so concurrent requests never share state. Where the
 * rules allow it the sessions are kept between evaluations with their working memory emptied
 * ({@link WarmSessions}); otherwise they are stateless sessions from a pool, reset after each use.
 * Building a session costs more than the rules of a one-fact request.
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
    /** Kept stateful sessions, for a rule set whose rules allow it; else null and stateless sessions from the pool. */
    private final WarmSessions warm;
    private final EvaluationBudget.Limits limits;
    private final DeclaredRuleSet declared;

    CompiledRuleSet(RuleSetSource source, KieBase kieBase, KieSessionsPool sessions, List<String> ruleNames,
                    Map<String, Object> globals, List<Object> policies, EvaluationBudget.Limits limits,
                    DeclaredRuleSet declared) {
        this.source = source;
        this.declared = declared;
        this.limits = limits;
        this.sessions = sessions;
        this.ruleNames = List.copyOf(ruleNames);
        this.globals = Map.copyOf(globals);
        this.policies = List.copyOf(policies);
        this.warm = WarmSessions.suit(kieBase, this.policies)
                ? new WarmSessions(kieBase, this.globals, this.policies, declared) : null;
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

    /** Whether evaluations run in kept sessions ({@link WarmSessions}) rather than fresh ones. */
    boolean keepsSessions() {
        return warm != null;
    }

    /** How many kept sessions wait for the next evaluation. */
    int idleKeptSessions() {
        return warm == null ? 0 : warm.idle();
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
            List<RuleDecision> decisions;
            try {
                decisions = warm != null && facts.size() <= WarmSessions.MAX_FACTS
                        ? warm.evaluate(budget, now, facts) : stateless(budget, now, facts);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                // an OutOfMemoryError here is an allocation the heap could not hold (an array of
                // billions): it failed as a whole, so what the other requests hold is untouched
                if (budget.exceeded() != null) {
                    throw new RuleLimitException(name(), version(), budget.rule(), budget.exceeded());
                }
                throw new RuleExecutionException(name(), version(), e);
            }
            return new Evaluation(name(), version(), now.at(), decisions, budget.firedRules());
        });
    }

    private List<RuleDecision> stateless(EvaluationBudget budget, Now now, List<?> facts) {
        StatelessKieSession session = sessions.newStatelessKieSession();
        globals.forEach(session::setGlobal);
        EvaluationListener listener = new EvaluationListener(declared, false);
        listener.begin(budget);
        session.addEventListener(listener);
        session.addEventListener(listener.firings());
        List<Object> working = new ArrayList<>(facts.size() + policies.size() + 1);
        working.add(now);
        working.addAll(policies);
        working.addAll(facts);
        session.execute(working);
        return listener.decisions();
    }

}
