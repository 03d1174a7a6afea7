package io.shoprules.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import io.shoprules.actions.ActionHook;
import io.shoprules.actions.ActionRule;
import io.shoprules.actions.ActionRules;
import io.shoprules.actions.Episodes;
import io.shoprules.actions.ReleaseGate;
import io.shoprules.engine.RuleSetDefinition;
import io.shoprules.actions.NewAction;
import io.shoprules.actions.Outbox;
import io.shoprules.decisions.DecisionLog;
import io.shoprules.decisions.DecisionSource;
import io.shoprules.engine.Evaluation;
import io.shoprules.engine.Now;
import io.shoprules.engine.RuleDecision;
import io.shoprules.facts.FactStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes what one batch of a job decided, in one transaction: the decision log, the episodes, the
 * actions (those whose idempotency key is new, each admitted by the {@link ReleaseGate}), the fact
 * updates the rule set's {@link ActionHook} asks for, and the run's counters. A crash anywhere before the commit leaves none of it; after it, all of it.
 */
@ApplicationScoped
public class JobBatchWriter {

    private static final Logger LOG = Logger.getLogger(JobBatchWriter.class);

    private final DecisionLog decisionLog;
    private final Outbox outbox;
    private final FactStore facts;
    private final JobRuns runs;
    private final ObjectMapper json;
    private final Event<JobBatchWritten> written;
    private final Episodes episodes;
    private final ReleaseGate gate;

    public JobBatchWriter(DecisionLog decisionLog, Outbox outbox, FactStore facts, JobRuns runs, ObjectMapper json,
                          Event<JobBatchWritten> written, Episodes episodes, ReleaseGate gate) {
        this.episodes = episodes;
        this.gate = gate;
        this.decisionLog = decisionLog;
        this.outbox = outbox;
        this.facts = facts;
        this.runs = runs;
        this.json = json;
        this.written = written;
    }

    record Written(int decisions, int actionsCreated) {
    }

    /** A batch of a rule set without actions.yaml, scanned fact by fact. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Written write(long runId, long batchNumber, ActionHook hook, Now now, StoredBatch batch,
                         Evaluation evaluation, int evaluationErrors, String evaluationError) {
        return write(runId, batchNumber, hook, ActionRules.none(), null, now, batch, evaluation, jsonOf(evaluation),
                evaluationErrors, evaluationError);
    }

    /**
     * Each decision's JSON, in order: what its decision-log row and its action carry. A job writes
     * it while the batch before is still being written (see {@link JobRunner}).
     */
    public List<String> jsonOf(Evaluation evaluation) {
        List<String> texts = new ArrayList<>(evaluation.decisions().size());
        for (RuleDecision decision : evaluation.decisions()) {
            texts.add(toJson(decision));
        }
        return texts;
    }

    /**
     * @param rules      what the serving version's actions.yaml says per decision type
     * @param definition the rule set, to tell what a decision's episode is about and what the batch saw
     * @param texts      {@link #jsonOf} the evaluation
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Written write(long runId, long batchNumber, ActionHook hook, ActionRules rules, RuleSetDefinition definition,
                         Now now, StoredBatch batch, Evaluation evaluation, List<String> texts, int evaluationErrors,
                         String evaluationError) {
        String ruleSet = evaluation.ruleSet();
        decisionLog.record(evaluation, DecisionSource.JOB, texts);

        BatchScopes scopes = new BatchScopes(definition, batch);
        List<Planned> planned = new ArrayList<>();
        Set<Episodes.Episode> decided = new HashSet<>();
        Map<Episodes.Episode, String> episodeScopes = new LinkedHashMap<>();
        for (int i = 0; i < evaluation.decisions().size(); i++) {
            RuleDecision decision = evaluation.decisions().get(i);
            String key = hook.idempotencyKey(decision, now);
            if (key == null) {
                continue;
            }
            String text = texts.get(i);
            ActionRule rule = rules.of(decision.type());
            JsonNode payload = rule.readsDecisionFields() ? readTree(text) : null;
            Episodes.Episode episode = null;
            if (rule.once() == ActionRule.Once.EPISODE) {
                episode = new Episodes.Episode(ruleSet, decision.type(), about(rule, decision, payload));
                episodeScopes.putIfAbsent(episode, scopes.of(decision));
                decided.add(episode);
            } else if (rule.once() == ActionRule.Once.DAY) {
                key = ActionHook.perSubjectPerDay(decision, now);
            }
            planned.add(new Planned(key, episode, decision, text, payload, rule));
        }
        Map<Episodes.Episode, String> episodeKeys = episodes.keys(episodeScopes);
        // a fact a rule failed on may have hidden a decision: no episode is judged cleared by such a batch
        if (evaluationErrors == 0) {
            episodes.clear(ruleSet, episodeTypes(rules), scopes.seen(), decided);
        }

        Map<String, String> factHashes = updateFacts(ruleSet, hook, now, batch,
                planned.stream().map(Planned::decision).toList());

        List<NewAction> actions = new ArrayList<>(planned.size());
        Map<NewAction, RuleDecision> decisionOf = new IdentityHashMap<>();
        for (Planned plan : planned) {
            RuleDecision decision = plan.decision();
            String key = plan.episode() != null ? episodeKeys.get(plan.episode()) : plan.key();
            if (key.length() > 300) {
                key = ActionHook.key(decision.type(), key);
            }
            // an experiment's challenger made some decisions: the action names the version that did
            String version = decision.version() != null ? decision.version() : evaluation.version();
            NewAction action = new NewAction(key, ruleSet, decision.type(), decision.subject(), version,
                    decision.rule(), plan.text(), runId,
                    gate.admit(plan.rule(), plan.payload(), now.at()).withFactHash(factHashes.get(decision.subject())));
            actions.add(action);
            decisionOf.put(action, decision);
        }
        Outbox.Added added = outbox.add(actions);

        String lastError = evaluationError != null ? evaluationError : batch.lastError();
        for (Outbox.Refused refused : added.refused()) {
            RuleDecision decision = decisionOf.get(refused.action());
            lastError = "a " + decision.type() + " decision about stored " + ruleSet + " fact '"
                    + String.join(",", decision.decision().factIds()) + "' made no action: " + refused.reason();
            LOG.warn(lastError);
        }
        runs.addBatch(runId, batch.rows(), evaluation.decisions().size(), added.created().size(),
                batch.errors() + evaluationErrors + added.refused().size(), lastError);
        written.fire(new JobBatchWritten(ruleSet, runId, batchNumber, batch.rows(), evaluation.decisions().size(),
                added.created().size()));
        return new Written(evaluation.decisions().size(), added.created().size());
    }

    /** A decision that becomes an action: its key, or the episode whose key it takes. */
    private record Planned(String key, Episodes.Episode episode, RuleDecision decision, String text, JsonNode payload,
                           ActionRule rule) {
    }

    private static Set<String> episodeTypes(ActionRules rules) {
        Set<String> types = new HashSet<>();
        rules.all().forEach((type, rule) -> {
            if (rule.once() == ActionRule.Once.EPISODE) {
                types.add(type);
            }
        });
        return types;
    }

    /** What an episode is about: the {@code episodeOf} fields' values, or the subject. */
    private static String about(ActionRule rule, RuleDecision decision, JsonNode payload) {
        if (rule.episodeOf().isEmpty()) {
            return decision.subject();
        }
        List<String> parts = new ArrayList<>();
        for (String field : rule.episodeOf()) {
            JsonNode value = payload.get(field);
            parts.add(value == null || value.isNull() ? "" : value.asText());
        }
        // the parts escaped as in a key, so "a:b" + "c" and "a" + "b:c" stay apart
        return ActionHook.key("", parts.toArray()).substring(1);
    }

    /**
     * What a batch evaluated, for episodes: for a rule set scanned fact by fact its fact ids, for one
     * scanned in groups its groups. A decision's scope is what a later batch must hold to have seen
     * everything that could produce it again.
     */
    private static final class BatchScopes {
        private final RuleSetDefinition definition;
        private final StoredBatch batch;
        private final boolean grouped;
        /** Built on first use: a batch with no decision never needs it. */
        private Map<String, String> groupOfFact;
        private Set<String> seen;

        BatchScopes(RuleSetDefinition definition, StoredBatch batch) {
            this.definition = definition;
            this.batch = batch;
            this.grouped = definition != null && definition.scansInGroups();
        }

        Set<String> seen() {
            if (seen == null) {
                seen = new HashSet<>();
                for (StoredBatch.Fact fact : batch.facts()) {
                    seen.add(grouped && fact.scanGroup() != null ? fact.scanGroup() : fact.id());
                }
            }
            return seen;
        }

        String of(RuleDecision decision) {
            if (groupOfFact == null) {
                groupOfFact = new HashMap<>();
                for (StoredBatch.Fact fact : batch.facts()) {
                    groupOfFact.put(fact.id(), fact.scanGroup());
                }
            }
            if (grouped) {
                String named = definition.scanGroupOf(decision.decision());
                if (named != null) {
                    return named;
                }
            }
            for (String factId : decision.decision().factIds()) {
                if (groupOfFact.containsKey(factId)) {
                    String group = groupOfFact.get(factId);
                    return grouped && group != null ? group : factId;
                }
            }
            // nothing of this batch names it: no later batch sees it cleared, so it never re-arms (docs/actions.md)
            return decision.subject();
        }
    }

    /**
     * Every action of {@code actionable} exists now; let the hook move the facts they are about on.
     *
     * @return per fact id of the batch, the hash of its stored content once this batch is written
     */
    private Map<String, String> updateFacts(String ruleSet, ActionHook hook, Now now, StoredBatch batch,
                                            List<RuleDecision> actionable) {
        if (actionable.isEmpty()) {
            return Map.of();
        }
        Map<String, StoredBatch.Fact> read = new HashMap<>();
        Map<String, String> hashes = new HashMap<>();
        batch.facts().forEach(fact -> {
            read.put(fact.id(), fact);
            hashes.put(fact.id(), fact.contentHash());
        });
        Map<String, Object> current = new LinkedHashMap<>();
        for (RuleDecision decision : actionable) {
            StoredBatch.Fact fact = read.get(decision.subject());
            if (fact == null) {
                continue;
            }
            Object before = current.getOrDefault(fact.id(), fact.value());
            Object after = hook.afterAction(before, decision, now);
            if (after != null && after != before) {
                current.put(fact.id(), after);
            }
        }
        current.forEach((id, value) -> {
            StoredBatch.Fact original = read.get(id);
            FactStore.PreparedFact updated = facts.prepare(id, value, original.scanGroup());
            if (!updated.contentHash().equals(original.contentHash())
                    && facts.replace(ruleSet, updated, original.contentHash())) {
                hashes.put(id, updated.contentHash());
            }
        });
        return hashes;
    }

    private JsonNode readTree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a decision's JSON could not be read back", e);
        }
    }

    private String toJson(RuleDecision decision) {
        try {
            return json.writeValueAsString(decision);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a decision could not be written as JSON", e);
        }
    }
}
