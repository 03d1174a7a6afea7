package io.shoprules.decisions;

import io.shoprules.storage.CopyText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.hibernate.SessionFactory;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The recorded inputs of REST decision requests (table {@code recorded_input}), written and read
 * with plain JDBC like the decision log: a row per request is on every request's account.
 */
@ApplicationScoped
public class InputLog {

    /** What one row's facts column holds, in characters (V8). */
    public static final int MAX_FACTS = 1_000_000;
    private static final String SEQUENCE = "recorded_input_seq";
    private static final String COLUMNS = "select id, rule_set, received_at, evaluated_at, facts, request_id from recorded_input";
    private static final String PAGE = COLUMNS + " where rule_set = ? and id > ? and received_at >= ? order by rule_set, id limit ?";
    private static final String OF_REQUEST = COLUMNS + " where request_id = ? order by id";

    private static final String NAMES = "rule_set, received_at, evaluated_at, facts, request_id";
    private static final String COPY = "copy recorded_input (id, " + NAMES + ") from stdin";

    private final DataSource dataSource;
    private final String insert;
    /**
     * PostgreSQL: the rows go in by COPY, as the decision log's do. As a JDBC batch under
     * {@code prepareThreshold=0} each row was parsed, planned and executed on its own.
     */
    private final boolean byCopy;

    public InputLog(DataSource dataSource, SessionFactory sessionFactory) {
        this.dataSource = dataSource;
        var dialect = sessionFactory.unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect();
        String nextId = dialect.getSequenceSupport().getSelectSequenceNextValString(SEQUENCE);
        this.insert = "insert into recorded_input (id, " + NAMES + ") values (" + nextId + ", ?, ?, ?, ?, ?)";
        this.byCopy = dialect instanceof PostgreSQLDialect;
    }

    /** Writes the rows in one transaction (the caller's, or a new one). */
    @Transactional
    public void recordAll(List<RecordedInput> inputs) {
        if (inputs.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (byCopy) {
                copyIn(connection, inputs);
            } else {
                insertAsBatch(connection, inputs);
            }
        } catch (SQLException e) {
            throw new DecisionLogException("recording inputs of " + inputs.get(0).ruleSet() + " failed", e);
        }
    }

    private void insertAsBatch(Connection connection, List<RecordedInput> inputs) throws SQLException {
        try (PreparedStatement rows = connection.prepareStatement(insert)) {
            for (RecordedInput input : inputs) {
                rows.setString(1, input.ruleSet());
                rows.setObject(2, input.receivedAt());
                rows.setObject(3, input.now());
                rows.setString(4, input.facts());
                rows.setLong(5, input.requestId());
                rows.addBatch();
            }
            rows.executeBatch();
        }
    }

    private static void copyIn(Connection connection, List<RecordedInput> inputs) throws SQLException {
        List<Object[]> rows = new ArrayList<>(inputs.size());
        for (RecordedInput input : inputs) {
            // the id: the sequence gives it before the COPY
            rows.add(new Object[] {null, input.ruleSet(), input.receivedAt(), input.now(), input.facts(), input.requestId()});
        }
        CopyText.copyInWithIds(connection, SEQUENCE, COPY, rows);
    }

    /** Up to {@code limit} inputs of {@code ruleSet} received since {@code since}, after row {@code afterId}. */
    public List<RecordedInput> page(String ruleSet, OffsetDateTime since, long afterId, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(PAGE)) {
            select.setString(1, ruleSet);
            select.setLong(2, afterId);
            select.setObject(3, since);
            select.setInt(4, limit);
            select.setFetchSize(limit);
            return rows(select);
        } catch (SQLException e) {
            throw new DecisionLogException("reading recorded inputs of " + ruleSet + " failed", e);
        }
    }

    /** The rows of one request's input (several when it was too large for one), in order; empty once deleted. */
    public List<RecordedInput> ofRequest(long requestId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(OF_REQUEST)) {
            select.setLong(1, requestId);
            return rows(select);
        } catch (SQLException e) {
            throw new DecisionLogException("reading the recorded input of request " + requestId + " failed", e);
        }
    }

    private static List<RecordedInput> rows(PreparedStatement select) throws SQLException {
        List<RecordedInput> rows = new ArrayList<>();
        try (ResultSet result = select.executeQuery()) {
            while (result.next()) {
                rows.add(new RecordedInput(result.getLong(1), result.getString(2),
                        result.getObject(3, OffsetDateTime.class), result.getObject(4, OffsetDateTime.class),
                        result.getString(5), result.getLong(6)));
            }
        }
        return rows;
    }

    /** How many inputs of {@code ruleSet} were received since {@code since}. */
    public long count(String ruleSet, OffsetDateTime since) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select count(*) from recorded_input where rule_set = ? and received_at >= ?")) {
            select.setString(1, ruleSet);
            select.setObject(2, since);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new DecisionLogException("counting recorded inputs of " + ruleSet + " failed", e);
        }
    }

    /** Deletes every input received before {@code before}; returns how many. */
    @Transactional
    public int deleteReceivedBefore(OffsetDateTime before) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("delete from recorded_input where received_at < ?")) {
            delete.setObject(1, before);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new DecisionLogException("deleting recorded inputs failed", e);
        }
    }
}
