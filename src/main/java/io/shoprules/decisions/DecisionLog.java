package io.shoprules.decisions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.shoprules.engine.Assignment;
import io.shoprules.engine.Evaluation;
import io.shoprules.engine.RuleDecision;
import io.shoprules.storage.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Records decisions and reads them back. Rows are written with plain JDBC batches (every REST
 * request and every job batch writes here, and an entity per row cost more than the insert); they
 * are read back through {@link DecisionLogEntry}.
 */
@ApplicationScoped
public class DecisionLog {

    private static final int MAX_FACT_IDS = 2000;
    private static final int MAX_PAYLOAD = 8000;
    private static final String SEQUENCE = "decision_log_seq";

    private final ObjectMapper json;
    private final DataSource dataSource;
    private final Clock clock;
    /** Takes each row's id from the sequence, in the database's own words (H2 and PostgreSQL differ). */
    private final String insert;

    public DecisionLog(ObjectMapper json, DataSource dataSource, SessionFactory sessionFactory, Clock clock) {
        this.json = json;
        this.dataSource = dataSource;
        this.clock = clock;
        String nextId = sessionFactory.unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect()
                .getSequenceSupport().getSelectSequenceNextValString(SEQUENCE);
        this.insert = "insert into decision_log (id, rule_set, version, rule_name, type, subject, fact_ids, source,"
                + " evaluated_at, decided_at, payload, experiment, variant, experiment_subject, request_id) values ("
                + nextId + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    /** Writes one row per decision, in the caller's transaction (or a new one). */
    @Transactional
    public void record(Evaluation evaluation, DecisionSource source) {
        recordAll(List.of(evaluation), source);
    }

    /** Writes the decisions of several evaluations in one transaction. */
    @Transactional
    public void recordAll(List<Evaluation> evaluations, DecisionSource source) {
        write(evaluations, null, source);
    }

    /** Writes the decisions of several REST requests in one transaction, each linked to its recorded input. */
    @Transactional
    public void recordRequests(List<Requested> requests) {
        List<Evaluation> evaluations = new ArrayList<>(requests.size());
        long[] requestIds = new long[requests.size()];
        for (int i = 0; i < requests.size(); i++) {
            evaluations.add(requests.get(i).evaluation());
            requestIds[i] = requests.get(i).requestId();
        }
        write(evaluations, requestIds, DecisionSource.REST);
    }

    /** The decisions of one REST request and the id its recorded input carries ({@code recorded_input.request_id}). */
    public record Requested(Evaluation evaluation, long requestId) {
    }

    /** The decisions of one REST request, in the order they were logged; {@code decidedAt} narrows the search to its batch. */
    public List<DecisionLogEntry> ofRequest(long requestId, OffsetDateTime decidedAt) {
        return DecisionLogEntry.list("decidedAt = ?1 and requestId = ?2", Sort.ascending("id"), decidedAt, requestId);
    }

    private void write(List<Evaluation> evaluations, long[] requestIds, DecisionSource source) {
        if (evaluations.stream().allMatch(evaluation -> evaluation.decisions().isEmpty())) {
            return;
        }
        OffsetDateTime decidedAt = OffsetDateTime.now(clock);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement rows = connection.prepareStatement(insert)) {
            for (int e = 0; e < evaluations.size(); e++) {
                Evaluation evaluation = evaluations.get(e);
                for (RuleDecision decision : evaluation.decisions()) {
                    rows.setString(1, evaluation.ruleSet());
                    // an experiment's challenger made some of the decisions: each row names the version that did
                    rows.setString(2, decision.version() != null ? decision.version() : evaluation.version());
                    rows.setString(3, cut(decision.rule(), 255));
                    rows.setString(4, decision.type());
                    rows.setString(5, cut(decision.subject(), 128));
                    rows.setString(6, cut(String.join(",", decision.decision().factIds()), MAX_FACT_IDS));
                    rows.setString(7, source.name());
                    rows.setObject(8, evaluation.now());
                    rows.setObject(9, decidedAt);
                    rows.setString(10, cut(toJson(decision), MAX_PAYLOAD));
                    // the variant and subject of an experiment, so its results are SQL aggregates over this table
                    Assignment assignment = decision.assignment();
                    rows.setString(11, assignment == null ? null : assignment.experiment());
                    rows.setString(12, assignment == null ? null : assignment.variant());
                    rows.setString(13, assignment == null ? null : cut(assignment.subject(), 128));
                    if (requestIds == null) {
                        rows.setNull(14, java.sql.Types.BIGINT);
                    } else {
                        rows.setLong(14, requestIds[e]);
                    }
                    rows.addBatch();
                }
            }
            rows.executeBatch();
        } catch (SQLException e) {
            throw new DecisionLogException("recording decisions of " + evaluations.get(0).ruleSet() + " failed", e);
        }
    }

    /** Newest first; every filter is optional. */
    public List<DecisionLogEntry> find(DecisionQuery query) {
        Filters filters = new Filters()
                .equal("ruleSet", query.ruleSet())
                .equal("subject", query.subject())
                .equal("type", query.type())
                .atLeast("decidedAt", query.since());
        PanacheQuery<DecisionLogEntry> found = DecisionLogEntry.find(filters.query(),
                Sort.descending("decidedAt").and("id", Sort.Direction.Descending), filters.parameters());
        return new ArrayList<>(found.page(Page.of(query.page(), query.size())).list());
    }

    /**
     * Decisions per day and type under the same filters as {@link #find} (paging aside), counted by
     * the database so a chart never loads the log itself. A day is the date of {@code decided_at} in
     * the database session's time zone.
     */
    public List<DecisionsPerDay> perDay(DecisionQuery query) {
        Filters filters = new Filters()
                .equal("ruleSet", query.ruleSet())
                .equal("subject", query.subject())
                .equal("type", query.type())
                .atLeast("decidedAt", query.since());
        var counted = DecisionLogEntry.getEntityManager().createQuery(
                "select cast(decidedAt as LocalDate), type, count(*) from DecisionLogEntry where " + filters.query()
                        + " group by cast(decidedAt as LocalDate), type order by 1, 2", Object[].class);
        filters.parameters().map().forEach(counted::setParameter);
        return counted.getResultList().stream()
                .map(row -> new DecisionsPerDay((java.time.LocalDate) row[0], (String) row[1], ((Number) row[2]).longValue()))
                .toList();
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
