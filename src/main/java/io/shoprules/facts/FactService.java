package io.shoprules.facts;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoprules.engine.FactReader;
import io.shoprules.engine.RuleSetDefinition;
import io.shoprules.engine.RuleSets;
import io.shoprules.errors.ConflictException;
import io.shoprules.errors.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps facts for the scheduled jobs. A batch is checked completely before anything is written, so
 * one bad fact means nothing of the batch is stored; then it is written in one transaction.
 */
@ApplicationScoped
public class FactService {

    private static final Logger LOG = Logger.getLogger(FactService.class);
    /** Two requests storing the same new id at once: the loser redoes its batch, which then updates. */
    private static final int ATTEMPTS = 3;

    private final RuleSets ruleSets;
    private final FactReader reader;
    private final FactStore store;
    private final Event<FactsStored> stored;

    public FactService(RuleSets ruleSets, FactReader reader, FactStore store, Event<FactsStored> stored) {
        this.ruleSets = ruleSets;
        this.reader = reader;
        this.store = store;
        this.stored = stored;
    }

    /**
     * Stores {@code nodes} as facts of {@code ruleSet}, by id: all or nothing, and idempotent.
     *
     * @throws io.shoprules.errors.UnknownRuleSetException when no feature defines {@code ruleSet}
     * @throws InvalidInputException naming the first bad fact, e.g. {@code facts[3].onHand}
     */
    public UpsertResult upsert(String ruleSet, List<JsonNode> nodes) {
        RuleSetDefinition definition = ruleSets.definition(ruleSet);
        List<?> facts = definition.readFacts(reader, "facts", nodes);
        List<FactStore.PreparedFact> prepared = new ArrayList<>(facts.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < facts.size(); i++) {
            String id = definition.factId(facts.get(i));
            if (id == null || id.isBlank()) {
                throw new InvalidInputException("facts[" + i + "]", "the fact has no id");
            }
            if (id.chars().anyMatch(Character::isISOControl)) {
                // An id names a row, a log line and an action's key: not even a tab or line break belongs in it.
                throw new InvalidInputException("facts[" + i + "]", "the id must not contain control characters");
            }
            if (id.length() > FactStore.MAX_ID) {
                throw new InvalidInputException("facts[" + i + "]", "the id is longer than " + FactStore.MAX_ID + " characters");
            }
            Integer first = seen.putIfAbsent(id, i);
            if (first != null) {
                throw new InvalidInputException("facts[" + i + "]",
                        "the id '" + id + "' appears twice in this batch (also at facts[" + first + "])");
            }
            FactStore.PreparedFact fact = store.prepare(id, definition.storedForm(facts.get(i)), definition.scanGroup(facts.get(i)));
            if (fact.payload().length() > FactStore.MAX_PAYLOAD) {
                throw new InvalidInputException("facts[" + i + "]", "the fact is larger than " + FactStore.MAX_PAYLOAD + " characters");
            }
            prepared.add(fact);
        }
        // Rows are locked in id order whatever order the client sent: eight clients writing the same 20 ids
        // in shuffled orders deadlocked on PostgreSQL (32 of 240 answered 500); in id order none did.
        prepared.sort(Comparator.comparing(FactStore.PreparedFact::factId));
        for (int attempt = 1; ; attempt++) {
            try {
                UpsertResult result = store.upsert(ruleSet, prepared);
                LOG.debugf("stored facts of %s: %s", ruleSet, result);
                if (result.created() + result.updated() > 0) {
                    stored.fire(new FactsStored(ruleSet, prepared.stream().map(FactStore.PreparedFact::factId).toList()));
                }
                return result;
            } catch (RuntimeException e) {
                if (!WriteConflicts.isConflict(e)) {
                    throw e;
                }
                if (attempt >= ATTEMPTS) {
                    LOG.warnf("storing %d facts of %s met concurrent writes %d times; answered 409", prepared.size(), ruleSet,
                            ATTEMPTS);
                    throw new ConflictException("other requests kept writing the same facts at the same time;"
                            + " nothing of this batch was stored, send it again", "facts");
                }
                LOG.infof("storing %d facts of %s met a concurrent write, attempt %d of %d", prepared.size(), ruleSet,
                        attempt + 1, ATTEMPTS);
            }
        }
    }

    public Optional<StoredFactView> find(String ruleSet, String factId) {
        ruleSets.definition(ruleSet);
        return store.find(ruleSet, factId);
    }

    public boolean delete(String ruleSet, String factId) {
        ruleSets.definition(ruleSet);
        return store.delete(ruleSet, factId);
    }
}
