package io.shoprules.decisions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.shoprules.engine.Assignment;
import io.shoprules.engine.Evaluation;
import io.shoprules.engine.RuleDecision;
import io.shoprules.storage.CopyText;
import io.shoprules.storage.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.hibernate.SessionFactory;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Records decisions and reads them back. Rows are written with plain JDBC batches (every REST
 * request and every job batch writes here, and an entity per row cost more than the insert); they
 * are read back through {@link DecisionLogEntry}.
 */
@ApplicationScoped
public class DecisionLog {

    private static final int MAX_FACT_IDS = 2000;
    /** Decisions share a row while their JSON array stays this short; a longer decision has a row to itself. */
    private static final int ROW_PACKING = 8000;
    /** What the payload column holds (V20): a decision alone beyond it is logged as {@link #omitted}. */
    static final int MAX_PAYLOAD = 1_000_000;
    /** The field that marks a decision the log could not keep whole: in the log and nowhere else. */
    static final String OMITTED = "_omitted";
    private static final String SEQUENCE = "decision_log_seq";
    private static final String EXPERIMENT_SEQUENCE = "experiment_decision_seq";
    /** The columns of a row, in the order {@link #write} fills them. */
    private static final List<Column> COLUMNS = List.of(
            new Column("rule_set", JDBCType.VARCHAR),
            new Column("version", JDBCType.VARCHAR),
            new Column("rule_name", JDBCType.VARCHAR),
            new Column("type", JDBCType.VARCHAR),
            new Column("subject", JDBCType.VARCHAR),
            new Column("fact_ids", JDBCType.VARCHAR),
            new Column("source", JDBCType.VARCHAR),
            new Column("evaluated_at", JDBCType.VARCHAR),
            new Column("decided_at", JDBCType.VARCHAR),
            new Column("payload", JDBCType.VARCHAR),
            new Column("experiment", JDBCType.VARCHAR),
            new Column("variant", JDBCType.VARCHAR),
            new Column("experiment_subject", JDBCType.VARCHAR),
            new Column("request_id", JDBCType.BIGINT),
            new Column("decision_count", JDBCType.INTEGER));

    private final ObjectMapper json;
    private final DataSource dataSource;
    private final Clock clock;
    /** Takes each row's id from the sequence, in the database's own words (H2 and PostgreSQL differ). */
    private final String insert;
    /** PostgreSQL: the rows go in by COPY ({@link CopyText#copyInWithIds}). */
    private final boolean byCopy;
    private final String copy;
    /** A decision made in an experiment, once more in the table the results read (V17). */
    private final String insertExperimentDecision;

    public DecisionLog(ObjectMapper json, DataSource dataSource, SessionFactory sessionFactory, Clock clock) {
        this.json = json;
        this.dataSource = dataSource;
        this.clock = clock;
        var dialect = sessionFactory.unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect();
        String nextId = dialect.getSequenceSupport().getSelectSequenceNextValString(SEQUENCE);
        String names = COLUMNS.stream().map(Column::name).collect(Collectors.joining(", "));
        this.insert = "insert into decision_log (id, " + names + ") values (" + nextId
                + ", ?".repeat(COLUMNS.size()) + ")";
        this.byCopy = dialect instanceof PostgreSQLDialect;
        this.copy = "copy decision_log (id, " + names + ") from stdin";
        this.insertExperimentDecision = "insert into experiment_decision (id, rule_set, experiment, variant,"
                + " experiment_subject, type, decided_at) values ("
                + dialect.getSequenceSupport().getSelectSequenceNextValString(EXPERIMENT_SEQUENCE) + ", ?, ?, ?, ?, ?, ?)";
    }

    /** Writes one row per decision, in the caller's transaction (or a new one). */
    @Transactional
    public void record(Evaluation evaluation, DecisionSource source) {
        recordAll(List.of(evaluation), source);
    }

    /**
     * As {@link #record(Evaluation, DecisionSource)}, with each decision's JSON already written
     * ({@code payloads}, in the order of the evaluation's decisions): a job writes it once for the
     * log and the action alike.
     */
    @Transactional
    public void record(Evaluation evaluation, DecisionSource source, List<String> payloads) {
        write(List.of(evaluation), null, source, payloads);
    }

    /** Writes the decisions of several evaluations in one transaction. */
    @Transactional
    public void recordAll(List<Evaluation> evaluations, DecisionSource source) {
        write(evaluations, null, source, null);
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
        write(evaluations, requestIds, DecisionSource.REST, null);
    }

    /** The decisions of one REST request and the id its recorded input carries ({@code recorded_input.request_id}). */
    public record Requested(Evaluation evaluation, long requestId) {
    }

    /** The decisions of one REST request, in the order they were logged; {@code decidedAt} narrows the search to its batch. */
    public List<DecisionLogEntry> ofRequest(long requestId, OffsetDateTime decidedAt) {
        return DecisionLogEntry.list("decidedAt = ?1 and requestId = ?2", Sort.ascending("id"), decidedAt, requestId);
    }

    private void write(List<Evaluation> evaluations, long[] requestIds, DecisionSource source, List<String> payloads) {
        if (evaluations.stream().allMatch(evaluation -> evaluation.decisions().isEmpty())) {
            return;
        }
        OffsetDateTime decidedAt = OffsetDateTime.now(clock);
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> experimentRows = new ArrayList<>(0);
        RowPayload payload = new RowPayload(json, ROW_PACKING);
        for (int e = 0; e < evaluations.size(); e++) {
            Evaluation evaluation = evaluations.get(e);
            Long requestId = requestIds == null ? null : requestIds[e];
            for (List<Integer> row : rowsOf(evaluation)) {
                RuleDecision first = evaluation.decisions().get(row.get(0));
                int from = 0;
                for (int i = 0; i < row.size(); i++) {
                    int d = row.get(i);
                    String full = payload.add(evaluation.decisions().get(d), payloads == null ? null : payloads.get(d));
                    if (full != null) {
                        rows.add(row(evaluation, first, full, row.subList(from, i), source, decidedAt, requestId));
                        from = i;
                    }
                }
                rows.add(row(evaluation, first, payload.payload(), row.subList(from, row.size()), source, decidedAt, requestId));
                // the variant and subject of an experiment, so its results are SQL aggregates over experiment_decision
                Assignment assignment = first.assignment();
                if (assignment != null) {
                    for (int d : row) {
                        experimentRows.add(new Object[] {evaluation.ruleSet(), assignment.experiment(), assignment.variant(),
                                cut(assignment.subject(), 128), evaluation.decisions().get(d).type(), decidedAt});
                    }
                }
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            if (byCopy) {
                CopyText.copyInWithIds(connection, SEQUENCE, copy, rows);
            } else {
                insertAsBatch(connection, rows);
            }
            if (!experimentRows.isEmpty()) {
                insertExperimentDecisions(connection, experimentRows);
            }
        } catch (SQLException e) {
            throw new DecisionLogException("recording decisions of " + evaluations.get(0).ruleSet() + " failed", e);
        }
    }

    /**
     * The decisions of an evaluation that share a row, by their index: those of one type about one
     * subject, made by one version from the same facts, in one experiment variant, in the order of
     * their first decision.
     */
    private static Collection<List<Integer>> rowsOf(Evaluation evaluation) {
        Map<List<Object>, List<Integer>> rows = new LinkedHashMap<>();
        for (int d = 0; d < evaluation.decisions().size(); d++) {
            RuleDecision decision = evaluation.decisions().get(d);
            Assignment assignment = decision.assignment();
            List<Object> key = Arrays.asList(decision.version(), decision.type(), decision.subject(),
                    decision.decision().factIds(), assignment);
            rows.computeIfAbsent(key, ignored -> new ArrayList<>(1)).add(d);
        }
        return rows.values();
    }

    /** A row of the decisions {@code decisions} (indices into the evaluation's) with their JSON {@code payload}. */
    private Object[] row(Evaluation evaluation, RuleDecision first, String payload, List<Integer> decisions,
                         DecisionSource source, OffsetDateTime decidedAt, Long requestId) {
        Assignment assignment = first.assignment();
        String rules = decisions.stream().map(d -> evaluation.decisions().get(d).rule()).distinct()
                .collect(Collectors.joining(", "));
        return new Object[] {
                null, // the id: the sequence gives it, in the insert or before the COPY
                evaluation.ruleSet(),
                // an experiment's challenger made some of the decisions: each row names the version that did
                first.version() != null ? first.version() : evaluation.version(),
                cut(rules, 255),
                first.type(),
                cut(first.subject(), 128),
                cut(String.join(",", first.decision().factIds()), MAX_FACT_IDS),
                source.name(),
                evaluation.now(),
                decidedAt,
                payload.length() <= MAX_PAYLOAD ? payload : omitted(evaluation, first, payload.length()),
                assignment == null ? null : assignment.experiment(),
                assignment == null ? null : assignment.variant(),
                assignment == null ? null : cut(assignment.subject(), 128),
                requestId,
                decisions.size()};
    }

    private void insertAsBatch(Connection connection, List<Object[]> rows) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(this.insert)) {
            for (Object[] row : rows) {
                for (int column = 0; column < COLUMNS.size(); column++) {
                    Object value = row[column + 1];
                    if (value == null) {
                        insert.setNull(column + 1, COLUMNS.get(column).sqlType().getVendorTypeNumber());
                    } else {
                        insert.setObject(column + 1, value);
                    }
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void insertExperimentDecisions(Connection connection, List<Object[]> rows) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(insertExperimentDecision)) {
            for (Object[] row : rows) {
                for (int column = 0; column < row.length; column++) {
                    if (row[column] == null) {
                        insert.setNull(column + 1, Types.VARCHAR);
                    } else {
                        insert.setObject(column + 1, row[column]);
                    }
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** A decision-log column: its name and how its values travel (text or bigint). */
    private record Column(String name, JDBCType sqlType) {
    }

    /**
     * Newest first; every filter is optional. A page holds {@code size} rows of the log, each with
     * every decision one evaluation made of one type about one subject, so it may list more
     * decisions than {@code size}; the decisions of a row share its id.
     */
    public List<LoggedDecision> find(DecisionQuery query) {
        Filters filters = filtersOf(query);
        PanacheQuery<DecisionLogEntry> found = DecisionLogEntry.find(filters.query(),
                Sort.descending("decidedAt").and("id", Sort.Direction.Descending), filters.parameters());
        List<LoggedDecision> decisions = new ArrayList<>();
        for (DecisionLogEntry entry : found.page(Page.of(query.page(), query.size())).list()) {
            List<String> factIds = Arrays.asList(entry.factIds.split(","));
            DecisionSource source = DecisionSource.valueOf(entry.source);
            for (JsonNode decision : decisionsOf(entry)) {
                decisions.add(new LoggedDecision(entry.id, entry.ruleSet, entry.version,
                        decision.path("rule").asText(entry.rule), entry.type, entry.subject, factIds, source,
                        entry.evaluatedAt, entry.decidedAt, decision));
            }
        }
        return decisions;
    }

    /**
     * In place of a decision whose JSON ({@code length} characters) is longer than a row holds: what
     * identifies it, and why the rest is missing. Only rows packed up to {@link #ROW_PACKING} hold
     * several decisions, so a payload this long is one decision alone.
     */
    private String omitted(Evaluation evaluation, RuleDecision decision, int length) {
        ObjectNode standIn = json.createObjectNode()
                .put("type", decision.type())
                .put("subject", cut(decision.subject(), 128))
                .put("rule", decision.rule())
                .put(OMITTED, "the decision's JSON was " + length + " characters, more than the decision log keeps ("
                        + MAX_PAYLOAD + "); rule set " + evaluation.ruleSet());
        return standIn.toString();
    }

    /**
     * The decisions a row holds, as clients received them. A row whose payload is no longer readable
     * JSON (cut at 8,000 characters before V20) reads as one decision marked {@link #OMITTED}, so
     * that one row never takes its page of the log down with it.
     */
    List<JsonNode> decisionsOf(DecisionLogEntry entry) {
        JsonNode payload;
        try {
            payload = json.readTree(entry.payload);
        } catch (JsonProcessingException e) {
            return List.of(json.createObjectNode().put("type", entry.type).put("subject", entry.subject)
                    .put("rule", entry.rule)
                    .put(OMITTED, "the decision's JSON was cut to fit the decision log and can no longer be read"));
        }
        if (!payload.isArray()) {
            return List.of(payload);
        }
        List<JsonNode> decisions = new ArrayList<>(payload.size());
        payload.forEach(decisions::add);
        return decisions;
    }

    /**
     * Decisions per day and type under the same filters as {@link #find} (paging aside), counted by
     * the database so a chart never loads the log itself. A day is the date of {@code decided_at} in
     * the database session's time zone.
     */
    public List<DecisionsPerDay> perDay(DecisionQuery query) {
        Filters filters = filtersOf(query);
        var counted = DecisionLogEntry.getEntityManager().createQuery(
                "select cast(decidedAt as LocalDate), type, sum(decisionCount) from DecisionLogEntry where " + filters.query()
                        + " group by cast(decidedAt as LocalDate), type order by 1, 2", Object[].class);
        filters.parameters().map().forEach(counted::setParameter);
        return counted.getResultList().stream()
                .map(row -> new DecisionsPerDay((java.time.LocalDate) row[0], (String) row[1], ((Number) row[2]).longValue()))
                .toList();
    }

    private static Filters filtersOf(DecisionQuery query) {
        return new Filters()
                .equal("ruleSet", query.ruleSet())
                .equal("subject", query.subject())
                .equal("type", query.type())
                .atLeast("decidedAt", query.since());
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
