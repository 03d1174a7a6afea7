package io.shoprules.decisions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.shoprules.engine.Evaluation;
import io.shoprules.engine.RuleDecision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Records decisions and reads them back. */
@ApplicationScoped
public class DecisionLog {

    private static final int MAX_FACT_IDS = 2000;
    private static final int MAX_PAYLOAD = 8000;

    private final ObjectMapper json;
    private final EntityManager entityManager;
    private final Clock clock;

    public DecisionLog(ObjectMapper json, EntityManager entityManager, Clock clock) {
        this.json = json;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** Writes one row per decision, in the caller's transaction (or a new one). */
    @Transactional
    public void record(Evaluation evaluation, DecisionSource source) {
        write(evaluation, source, OffsetDateTime.now(clock));
    }

    /** Writes the decisions of several evaluations in one transaction. */
    @Transactional
    public void recordAll(List<Evaluation> evaluations, DecisionSource source) {
        OffsetDateTime decidedAt = OffsetDateTime.now(clock);
        for (Evaluation evaluation : evaluations) {
            write(evaluation, source, decidedAt);
        }
    }

    private void write(Evaluation evaluation, DecisionSource source, OffsetDateTime decidedAt) {
        for (RuleDecision decision : evaluation.decisions()) {
            DecisionLogEntry entry = new DecisionLogEntry();
            entry.ruleSet = evaluation.ruleSet();
            entry.version = evaluation.version();
            entry.rule = cut(decision.rule(), 255);
            entry.type = decision.type();
            entry.subject = cut(decision.subject(), 128);
            entry.factIds = cut(String.join(",", decision.decision().factIds()), MAX_FACT_IDS);
            entry.source = source.name();
            entry.evaluatedAt = evaluation.now();
            entry.decidedAt = decidedAt;
            entry.payload = cut(toJson(decision), MAX_PAYLOAD);
            entityManager.persist(entry);
        }
    }

    /** Newest first; every filter is optional. */
    public List<DecisionLogEntry> find(DecisionQuery query) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (query.ruleSet() != null) {
            where.append(" and ruleSet = :ruleSet");
            parameters.and("ruleSet", query.ruleSet());
        }
        if (query.subject() != null) {
            where.append(" and subject = :subject");
            parameters.and("subject", query.subject());
        }
        if (query.type() != null) {
            where.append(" and type = :type");
            parameters.and("type", query.type());
        }
        if (query.since() != null) {
            where.append(" and decidedAt >= :since");
            parameters.and("since", query.since());
        }
        PanacheQuery<DecisionLogEntry> found = DecisionLogEntry.find(where.toString(),
                Sort.descending("decidedAt").and("id", Sort.Direction.Descending), parameters);
        return new ArrayList<>(found.page(Page.of(query.page(), query.size())).list());
    }

    private String toJson(RuleDecision decision) {
        try {
            return json.writeValueAsString(decision);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a decision could not be written as JSON", e);
        }
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
