package io.shoprules.engine;

import org.drools.base.InitialFact;
import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.GroupElement;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stateful sessions of one version, kept between evaluations with their working memory emptied
 * instead of reset. A pooled stateless session is reset after every use, and the reset throws away
 * what the next evaluation builds again (the object store's per-class stores, node memories,
 * listeners): for a one-fact request that was more than the rules' own work.
 *
 * <p>An evaluation inserts the moment, the policies and the request's facts into a session with an
 * empty working memory, fires, and deletes every fact that was inserted (by it or by a rule), so
 * the next one starts from an empty working memory again. That is the same as a fresh session for
 * every rule whose matches all hold a fact: deleting the fact takes the match, fired or not, with
 * it. A rule that can match without any fact (only {@code not}, {@code exists} or an accumulate,
 * or a pattern over {@code from}) would stay matched and fired across evaluations, and attributes
 * that keep state in the agenda (agenda, activation and rule-flow groups, lock-on-active, timers,
 * calendars, effective dates) would carry it over; a rule set with any of these is evaluated in
 * stateless sessions instead ({@link #suit}), and so are evaluations of more than {@link #MAX_FACTS}.
 */
final class WarmSessions {

    /**
     * The most facts an evaluation brings into a kept session. Deleting them one by one afterwards
     * outgrows the reset of a stateless session as batches grow (thread CPU for 100,000 SKUs in
     * batches of 1,000: 154 ms kept against 195 ms stateless; of 2,000: even; of 10,000: 354 against
     * 239 ms), and a kept session would hold on to the tables a large batch made it grow.
     */
    static final int MAX_FACTS = 1_000;

    /**
     * The most sessions kept idle per version. Evaluations only compute, so more of them at once
     * than a few per core wait for a core rather than run; a burst beyond that (the request pool
     * has 200 threads) would otherwise leave its sessions kept for the life of the version, each
     * holding the tables its largest batch grew. A session made beyond it is disposed after use.
     */
    static final int MAX_IDLE = 4 * Runtime.getRuntime().availableProcessors();

    private final KieBase kieBase;
    private final Map<String, Object> globals;
    private final List<Object> policies;
    private final DeclaredRuleSet declared;
    /** Sessions not in use; as many as evaluations of this version ran at once, up to {@link #MAX_IDLE}. */
    private final ConcurrentLinkedQueue<Warm> idle = new ConcurrentLinkedQueue<>();
    /** The size of {@link #idle}, which the queue only counts by walking it. */
    private final AtomicInteger idleCount = new AtomicInteger();

    WarmSessions(KieBase kieBase, Map<String, Object> globals, List<Object> policies, DeclaredRuleSet declared) {
        this.kieBase = kieBase;
        this.globals = globals;
        this.policies = policies;
        this.declared = declared;
    }

    /**
     * Whether every rule of {@code kieBase} behaves in a kept session as in a fresh one; see the
     * class comment. A knowledge base with another entry point than the default is refused too:
     * its facts would not be found to delete.
     */
    static boolean suit(KieBase kieBase, List<Object> policies) {
        Set<Class<?>> kept = new HashSet<>();
        policies.forEach(policy -> kept.add(policy.getClass()));
        if (kieBase.getEntryPointIds().size() > 1) {
            return false;
        }
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            for (Rule rule : kiePackage.getRules()) {
                if (!(rule instanceof RuleImpl impl) || !statelessInAgenda(impl) || !holdsAFact(impl.getLhs(), kept)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean statelessInAgenda(RuleImpl rule) {
        return !rule.isQuery() && rule.isMainAgendaGroup() && !rule.getAutoFocus()
                && rule.getActivationGroup() == null && rule.getRuleFlowGroup() == null && !rule.isLockOnActive()
                && rule.getTimer() == null && !rule.hasCalendars()
                && rule.getDateEffective() == null && rule.getDateExpires() == null;
    }

    /**
     * True when every match of {@code element} holds at least one fact an evaluation inserts: not
     * only {@code kept} ones (nor the initial fact Drools matches {@code not} and {@code exists} on).
     */
    private static boolean holdsAFact(RuleConditionElement element, Set<Class<?>> kept) {
        if (element instanceof Pattern pattern) {
            return pattern.getSource() == null && pattern.getObjectType() instanceof ClassObjectType type
                    && !InitialFact.class.isAssignableFrom(type.getClassType())
                    && kept.stream().noneMatch(policy -> type.getClassType().isAssignableFrom(policy));
        }
        if (element instanceof GroupElement group) {
            if (group.isAnd()) {
                return group.getChildren().stream().anyMatch(child -> holdsAFact(child, kept));
            }
            if (group.isOr()) {
                return !group.getChildren().isEmpty() && group.getChildren().stream().allMatch(child -> holdsAFact(child, kept));
            }
        }
        return false;
    }

    /**
     * Inserts {@code now} and {@code facts} beside the policies, fires, and returns the decisions;
     * within the current {@code budget}.
     */
    List<RuleDecision> evaluate(EvaluationBudget budget, Now now, List<?> facts) {
        Warm warm = idle.poll();
        if (warm != null) {
            idleCount.decrementAndGet();
        } else {
            warm = new Warm(kieBase.newKieSession(), globals, policies, declared);
        }
        boolean emptied = false;
        try {
            warm.listener.begin(budget);
            KieSession session = warm.session;
            session.insert(now);
            for (Object fact : facts) {
                session.insert(fact);
            }
            session.fireAllRules();
            List<RuleDecision> decisions = warm.listener.decisions();
            // deleting an already deleted handle does nothing
            for (FactHandle handle : warm.listener.inserted()) {
                session.delete(handle);
            }
            emptied = session.getFactCount() == policies.size();
            return decisions;
        } finally {
            warm.listener.end();
            if (!emptied) {
                // stopped part-way (a limit, a failing rule), or a rule deleted a policy: its state is unknown
                warm.session.dispose();
            } else if (idleCount.incrementAndGet() <= MAX_IDLE) {
                idle.offer(warm);
            } else {
                idleCount.decrementAndGet();
                warm.session.dispose();
            }
        }
    }

    /** How many sessions are kept idle now. */
    int idle() {
        return idleCount.get();
    }

    private static final class Warm {
        final KieSession session;
        final EvaluationListener listener;

        Warm(KieSession session, Map<String, Object> globals, List<Object> policies, DeclaredRuleSet declared) {
            this.session = session;
            this.listener = new EvaluationListener(declared, true);
            globals.forEach(session::setGlobal);
            session.addEventListener(listener);
            session.addEventListener(listener.firings());
            for (Object policy : policies) {
                session.insert(policy);
            }
            // the policies stay; only what an evaluation inserts is deleted after it
            listener.end();
        }
    }
}
