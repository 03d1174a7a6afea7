package io.shoprules.decisions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoprules.engine.DeclaredRuleSet;
import io.shoprules.engine.Evaluation;
import io.shoprules.engine.RuleDecision;
import io.shoprules.errors.InvalidInputException;
import io.shoprules.facts.FactStore;
import io.shoprules.facts.StoredFactRow;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The stored facts a request's facts are judged with, for a declared rule set whose facts relate to
 * each other ({@code @group}): a review alert counts the SKU's stored reviews, a metrics day is
 * compared with the channel's stored days. The request's own facts win over stored ones with the
 * same id, and the answer keeps only the decisions about the request's facts or their groups.
 */
@ApplicationScoped
public class StoredHistory {

    private static final Logger LOG = Logger.getLogger(StoredHistory.class);
    /** Stored facts read for one request at most: a request's answer must not wait on a whole table. */
    static final int MAX_FACTS = 10_000;

    private final FactStore store;
    private final ObjectMapper json;

    public StoredHistory(FactStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    /** The stored facts in the groups of {@code facts}, read with this version's declarations; none without {@code @group}. */
    List<Object> of(DeclaredRuleSet declared, List<?> facts) {
        if (!declared.scansInGroups() || facts.isEmpty()) {
            return List.of();
        }
        Set<String> groups = new LinkedHashSet<>();
        Set<String> ids = new HashSet<>();
        for (Object fact : facts) {
            groups.add(declared.scanGroup(fact));
            ids.add(declared.factId(fact));
        }
        List<Object> history = new ArrayList<>();
        for (StoredFactRow row : store.inGroups(declared.name(), groups, MAX_FACTS)) {
            if (ids.contains(row.factId())) {
                continue;
            }
            try {
                history.add(declared.readFacts(null, "fact", List.of(json.readTree(row.payload()))).get(0));
            } catch (InvalidInputException | JsonProcessingException e) {
                // stored under an earlier declaration that no longer reads it: the job reports such facts
                LOG.debugf("rule set %s: stored fact '%s' left out of a request's history: %s", declared.name(),
                        row.factId(), e.getMessage());
            }
        }
        return history;
    }

    /** {@code evaluation} with only the decisions about {@code facts}: their ids, or their groups' values. */
    static Evaluation about(Evaluation evaluation, DeclaredRuleSet declared, List<?> facts) {
        Set<String> subjects = new HashSet<>();
        for (Object fact : facts) {
            subjects.add(declared.factId(fact));
            String group = declared.groupValue(fact);
            if (group != null) {
                subjects.add(group);
            }
        }
        List<RuleDecision> kept = evaluation.decisions().stream().filter(d -> subjects.contains(d.subject())).toList();
        return new Evaluation(evaluation.ruleSet(), evaluation.version(), evaluation.now(), kept, evaluation.firedRules());
    }
}
