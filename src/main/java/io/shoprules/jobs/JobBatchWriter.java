package io.shoprules.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoprules.actions.ActionHook;
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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes what one batch of a job decided, in one transaction: the decision log, the actions (those
 * whose idempotency key is new), the fact updates the rule set's {@link ActionHook} asks for, and
 * the run's counters. A crash anywhere before the commit leaves none of it; after it, all of it.
 */
@ApplicationScoped
public class JobBatchWriter {

    private final DecisionLog decisionLog;
    private final Outbox outbox;
    private final FactStore facts;
    private final JobRuns runs;
    private final ObjectMapper json;
    private final Event<JobBatchWritten> written;

    public JobBatchWriter(DecisionLog decisionLog, Outbox outbox, FactStore facts, JobRuns runs, ObjectMapper json,
                          Event<JobBatchWritten> written) {
        this.decisionLog = decisionLog;
        this.outbox = outbox;
        this.facts = facts;
        this.runs = runs;
        this.json = json;
        this.written = written;
    }

    record Written(int decisions, int actionsCreated) {
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Written write(long runId, long batchNumber, ActionHook hook, Now now, StoredBatch batch,
                         Evaluation evaluation, int evaluationErrors, String evaluationError) {
        String ruleSet = evaluation.ruleSet();
        decisionLog.record(evaluation, DecisionSource.JOB);

        List<NewAction> planned = new ArrayList<>();
        List<RuleDecision> actionable = new ArrayList<>();
        for (RuleDecision decision : evaluation.decisions()) {
            String key = hook.idempotencyKey(decision, now);
            if (key == null) {
                continue;
            }
            if (key.length() > 300) {
                key = ActionHook.key(decision.type(), key);
            }
            // an experiment's challenger made some decisions: the action names the version that did
            String version = decision.version() != null ? decision.version() : evaluation.version();
            planned.add(new NewAction(key, ruleSet, decision.type(), decision.subject(), version,
                    decision.rule(), toJson(decision), runId));
            actionable.add(decision);
        }
        Outbox.Added added = outbox.add(planned);

        updateFacts(ruleSet, hook, now, batch, actionable);

        String lastError = evaluationError != null ? evaluationError : batch.lastError();
        runs.addBatch(runId, batch.rows(), evaluation.decisions().size(), added.created().size(),
                batch.errors() + evaluationErrors, lastError);
        written.fire(new JobBatchWritten(ruleSet, runId, batchNumber, batch.rows(), evaluation.decisions().size(),
                added.created().size()));
        return new Written(evaluation.decisions().size(), added.created().size());
    }

    /** Every action of {@code actionable} exists now; let the hook move the facts they are about on. */
    private void updateFacts(String ruleSet, ActionHook hook, Now now, StoredBatch batch, List<RuleDecision> actionable) {
        if (actionable.isEmpty()) {
            return;
        }
        Map<String, StoredBatch.Fact> read = new HashMap<>();
        batch.facts().forEach(fact -> read.put(fact.id(), fact));
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
            if (!updated.contentHash().equals(original.contentHash())) {
                facts.replace(ruleSet, updated, original.contentHash());
            }
        });
    }

    private String toJson(RuleDecision decision) {
        try {
            return json.writeValueAsString(decision);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a decision could not be written as JSON", e);
        }
    }
}
