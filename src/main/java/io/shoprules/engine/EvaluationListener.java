package io.shoprules.engine;

import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.runtime.rule.FactHandle;

import java.util.ArrayList;
import java.util.List;

/**
 * What a session tells one evaluation at a time: the decisions rules insert, with the name of the
 * inserting rule, and every firing, insertion and change counted against the evaluation's budget,
 * so a rule that re-fires itself or inserts without end is stopped. A kept session keeps its
 * listener and hands it the next evaluation's budget ({@link #begin}).
 */
final class EvaluationListener extends DefaultRuleRuntimeEventListener {

    private final DeclaredRuleSet declared;
    private final boolean recordHandles;
    private final List<FactHandle> inserted = new ArrayList<>();
    private final AgendaEventListener firings = new DefaultAgendaEventListener() {
        @Override
        public void beforeMatchFired(BeforeMatchFiredEvent event) {
            budget.firing(event.getMatch().getRule().getName());
        }
    };
    private EvaluationBudget budget;
    private List<RuleDecision> decisions;

    /** {@code recordHandles}: keep the handle of every inserted fact, for a kept session to delete them. */
    EvaluationListener(DeclaredRuleSet declared, boolean recordHandles) {
        this.declared = declared;
        this.recordHandles = recordHandles;
    }

    /** Counts rule firings; add it to the session beside this. */
    AgendaEventListener firings() {
        return firings;
    }

    void begin(EvaluationBudget budget) {
        this.budget = budget;
        this.decisions = new ArrayList<>();
    }

    /** Forgets the evaluation, so a kept session holds nothing of it. */
    void end() {
        budget = null;
        decisions = null;
        inserted.clear();
    }

    List<RuleDecision> decisions() {
        return decisions;
    }

    /** The handles of the facts inserted since {@link #begin}, when recorded. */
    List<FactHandle> inserted() {
        return inserted;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (recordHandles) {
            inserted.add(event.getFactHandle());
        }
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
