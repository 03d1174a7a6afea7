package io.shoprules.actions;

import io.shoprules.engine.CompiledRuleSet;
import io.shoprules.engine.EngineConfig;
import io.shoprules.engine.Evaluation;
import io.shoprules.engine.FactReader;
import io.shoprules.engine.Now;
import io.shoprules.engine.RuleDecision;
import io.shoprules.engine.RuleSetDefinition;
import io.shoprules.engine.RuleSets;
import io.shoprules.facts.FactStore;
import io.shoprules.facts.FactsStored;
import io.shoprules.facts.StoredFactRow;
import io.shoprules.facts.StoredFactView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The re-check at send time ({@code recheck: true} in actions.yaml): right before an action may reach
 * the shop, its subject's stored fact is evaluated again with the serving version; if the decision no
 * longer comes out with the same identity (type, subject and the idempotency key it would get now),
 * the action is CANCELLED with the reason and never sent.
 *
 * <p>Runs before each webhook push, when the release gate releases a HELD (or approved) action, and
 * right after the shop re-posts the facts of open actions (so a pull-only shop never pulls a reminder
 * for a cart it has just posted as paid). A fact the shop has not changed since the batch that made the
 * action is not evaluated again: the job's own fact update (a cart's {@code remindersSent}) would
 * otherwise hide the very decision that made the action.
 */
@ApplicationScoped
public class Rechecks {

    private static final Logger LOG = Logger.getLogger(Rechecks.class);
    /** Facts of one scan group evaluated together at most, as a job batch would. */
    private static final int MAX_GROUP = 10_000;

    private final RuleSets ruleSets;
    private final FactStore facts;
    private final FactReader reader;
    private final ActionRulesFile rulesFile;
    private final ActionHooks hooks;
    private final Outbox outbox;
    private final ZoneId zone;
    private final Clock clock;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public Rechecks(RuleSets ruleSets, FactStore facts, FactReader reader, ActionRulesFile rulesFile, ActionHooks hooks,
                    Outbox outbox, EngineConfig config, Clock clock, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.ruleSets = ruleSets;
        this.facts = facts;
        this.reader = reader;
        this.rulesFile = rulesFile;
        this.hooks = hooks;
        this.outbox = outbox;
        this.zone = config.shop().zone();
        this.clock = clock;
        this.json = json;
    }

    /**
     * Why {@code action} must not be sent at {@code at}, or empty when it still holds (or its type is
     * not re-checked, or no version of its rule set serves to judge it: then it is left as it is).
     */
    public Optional<String> noLongerDecided(ActionView action, OffsetDateTime at) {
        CompiledRuleSet serving;
        try {
            serving = ruleSets.serving(action.ruleSet());
        } catch (RuntimeException unavailable) {
            LOG.warnf("action %d: no version of %s serves to re-check it; it is left as it is", action.id(), action.ruleSet());
            return Optional.empty();
        }
        ActionRule rule = rulesFile.of(serving).of(action.type());
        if (!rule.recheck()) {
            return Optional.empty();
        }
        Optional<StoredFactView> stored = facts.find(action.ruleSet(), action.subject());
        if (stored.isEmpty()) {
            return Optional.of("no longer decided by " + serving.version() + " at " + at + ": the fact is no longer stored");
        }
        String factHash = outbox.factHashOf(action.id());
        if (factHash != null && factHash.equals(stored.get().contentHash())) {
            return Optional.empty();
        }
        RuleSetDefinition definition = ruleSets.definition(serving);
        Now now = new Now(at, zone);
        List<Object> judged = new ArrayList<>();
        try {
            Object fact = definition.readFacts(reader, "fact", List.of(stored.get().fact())).get(0);
            judged.add(fact);
            if (definition.scansInGroups()) {
                for (StoredFactRow row : facts.inGroups(action.ruleSet(), Set.of(definition.scanGroup(fact)), MAX_GROUP)) {
                    if (!row.factId().equals(action.subject())) {
                        judged.addAll(definition.readFacts(reader, "fact", List.of(json.readTree(row.payload()))));
                    }
                }
            }
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException unreadable) {
            return Optional.of("no longer decided by " + serving.version() + " at " + at + ": the stored fact cannot be read");
        }
        Evaluation evaluation = ruleSets.evaluate(serving, now, judged);
        ActionHook hook = hooks.of(action.ruleSet());
        for (RuleDecision decision : evaluation.decisions()) {
            if (decision.type().equals(action.type()) && decision.subject().equals(action.subject())
                    && sameIdentity(rule, hook, decision, now, action)) {
                return Optional.empty();
            }
        }
        return Optional.of("no longer decided by " + serving.version() + " at " + at + ": the fact changed");
    }

    /**
     * Whether the decision made now is the one the action carries. A key per episode or per day names
     * when it was made, not what it is, so for those type and subject are enough.
     */
    private static boolean sameIdentity(ActionRule rule, ActionHook hook, RuleDecision decision, Now now, ActionView action) {
        if (rule.once() != null) {
            return true;
        }
        String key = hook.idempotencyKey(decision, now);
        if (key != null && key.length() > 300) {
            key = ActionHook.key(decision.type(), key);
        }
        return action.idempotencyKey().equals(key);
    }

    /**
     * Re-checks and, if the decision no longer holds, cancels an action that is still {@code expected}.
     *
     * @return whether it was cancelled
     */
    public boolean cancelIfNoLongerDecided(ActionView action, OffsetDateTime at) {
        Optional<String> reason = noLongerDecided(action, at);
        if (reason.isEmpty()) {
            return false;
        }
        boolean cancelled = outbox.stop(action.id(), action.status(), ActionStatus.CANCELLED, reason.get());
        if (cancelled) {
            LOG.infof("action %d (%s) CANCELLED: %s", action.id(), action.idempotencyKey(), reason.get());
        }
        return cancelled;
    }

    /** The shop re-posted facts: their open actions that are re-checked are judged again right away. */
    void onFactsStored(@Observes FactsStored stored) {
        if (stored.factIds().isEmpty()) {
            return;
        }
        OffsetDateTime at = OffsetDateTime.now(clock);
        try {
            // most rule sets re-check nothing: then a large upload costs no look-up at all
            if (rulesFile.of(ruleSets.serving(stored.ruleSet())).all().values().stream().noneMatch(ActionRule::recheck)) {
                return;
            }
            for (long id : outbox.openOf(stored.ruleSet(), stored.factIds())) {
                ActionView action = outbox.get(id);
                if (action.status().open()) {
                    cancelIfNoLongerDecided(action, at);
                }
            }
        } catch (RuntimeException e) {
            // the facts are stored; the push or the release gate re-checks these actions again before they go out
            LOG.warnf(e, "re-checking the open actions of %d re-posted %s facts failed", stored.factIds().size(), stored.ruleSet());
        }
    }
}
