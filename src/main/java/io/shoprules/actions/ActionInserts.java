package io.shoprules.actions;

import org.hibernate.SessionFactory;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import io.shoprules.storage.CopyText;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * New actions in bulk, on PostgreSQL: the keys that exist already are looked up in one query, and
 * the rest go in by {@code COPY} ({@link CopyText}), each with an id {@code action_seq} handed out.
 *
 * <p>Why: a job batch of 500 actions went out as a key look-up plus 500 single-row inserts through
 * Hibernate, each a round trip to the database; the scan's outbox writes ran at 3 % of the rate of
 * {@code COPY} of the same rows (figure 10 in {@code bench/README.md}). An {@code insert ... select
 * from unnest(...) on conflict do nothing} per chunk kept the server about 40 % longer than COPY of
 * the same rows: the casts, the insert executor and a speculative insertion per row.
 *
 * <p>A key another transaction inserts between the look-up and the COPY makes the COPY wait for that
 * transaction and then fail on the unique index if it committed. The COPY runs under a savepoint:
 * on that failure it is rolled back and the same rows go in by the {@code on conflict do nothing}
 * statement, which skips exactly the keys that exist. Either way a key is never created twice, the
 * caller's transaction goes on, and the result names exactly the keys this call created.
 *
 * <p>H2 has neither, so {@link Outbox#add} keeps its portable path there (look up, then persist);
 * {@link #inBulk()} says which path the database takes.
 */
@ApplicationScoped
public class ActionInserts {

    /**
     * Every column a new action is inserted with and where its value comes from. A column added to
     * {@link Action} and {@link NewAction} is one line here: {@code perAction} for a value of the
     * action, {@code perChunk} for one the whole chunk shares. The id comes from {@code action_seq}.
     */
    private static final List<Column> COLUMNS = List.of(
            Column.perAction("idempotency_key", "varchar", String.class, action -> action.idempotencyKey),
            Column.perAction("rule_set", "varchar", String.class, action -> action.ruleSet),
            Column.perAction("type", "varchar", String.class, action -> action.type),
            Column.perAction("subject", "varchar", String.class, action -> action.subject),
            Column.perAction("version", "varchar", String.class, action -> action.version),
            Column.perAction("rule_name", "varchar", String.class, action -> action.rule),
            Column.perAction("payload", "varchar", String.class, action -> action.payload),
            Column.perAction("job_run_id", "bigint", Long.class, action -> action.jobRunId),
            Column.perAction("status", "varchar", String.class, action -> action.status.name()),
            Column.perAction("reason", "varchar", String.class, action -> action.reason),
            Column.perAction("customer", "varchar", String.class, action -> action.customer),
            Column.perAction("priority", "integer", Integer.class, action -> action.priority),
            Column.perAction("release_at", "timestamp with time zone", String.class, action -> time(action.releaseAt)),
            Column.perAction("expires_at", "timestamp with time zone", String.class, action -> time(action.expiresAt)),
            Column.perAction("released_at", "timestamp with time zone", String.class, action -> time(action.releasedAt)),
            Column.perAction("fact_hash", "varchar", String.class, action -> action.factHash),
            Column.perChunk("attempts", "integer", now -> 0),
            Column.perChunk("next_attempt_at", "timestamp with time zone", now -> now),
            Column.perChunk("created_at", "timestamp with time zone", now -> now));

    /** Times go over as text in the arrays: the driver has no array encoding for OffsetDateTime. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSXXX");

    private static String time(OffsetDateTime time) {
        return time == null ? null : TIME.format(time);
    }

    /** Rows per statement: bounds the arrays (and the server memory one statement takes) whatever the batch size. */
    private static final int CHUNK = 1000;

    private static final String SEQUENCE = "action_seq";
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final boolean inBulk;
    /** The fallback when a key was taken after the look-up: {@code insert ... on conflict do nothing}. */
    private final String insert;
    private final String copy;

    public ActionInserts(DataSource dataSource, SessionFactory sessionFactory) {
        this.dataSource = dataSource;
        // the database the datasource was configured with at run time, as Hibernate found it
        this.inBulk = sessionFactory.unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect()
                instanceof PostgreSQLDialect;
        this.insert = statement();
        this.copy = copyStatement();
    }

    /** Whether this database takes the bulk path ({@link #insertNew}); PostgreSQL does. */
    public boolean inBulk() {
        return inBulk;
    }

    /**
     * Inserts the actions whose key does not exist yet, in the caller's transaction; the keys must
     * be distinct. Chunks go in key order, so two instances inserting overlapping batches take the
     * keys' index locks in the same order and wait for each other instead of deadlocking.
     *
     * @return the keys this call created, with the id each got
     */
    public Map<String, Long> insertNew(Collection<Action> actions, OffsetDateTime now) {
        if (actions.isEmpty()) {
            return new HashMap<>();
        }
        List<Action> ordered = new ArrayList<>(actions);
        ordered.sort(Comparator.comparing(action -> action.idempotencyKey));
        try (Connection connection = dataSource.getConnection()) {
            Set<String> existing = existingKeys(connection, ordered);
            List<Action> fresh = ordered.stream().filter(action -> !existing.contains(action.idempotencyKey)).toList();
            if (fresh.isEmpty()) {
                return new HashMap<>();
            }
            // as SQL: the pool refuses JDBC's rollback(Savepoint) on a connection in a JTA transaction
            try (Statement savepoint = connection.createStatement()) {
                savepoint.execute("savepoint before_copy");
                try {
                    Map<String, Long> created = copyIn(connection, fresh, now);
                    savepoint.execute("release savepoint before_copy");
                    return created;
                } catch (SQLException e) {
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw e;
                    }
                    // a concurrent transaction took some of these keys after the look-up
                    savepoint.execute("rollback to savepoint before_copy");
                    return insertSkippingTaken(connection, fresh, now);
                }
            }
        } catch (SQLException e) {
            throw new OutboxWriteException("adding " + actions.size() + " actions failed", e);
        }
    }

    private static Set<String> existingKeys(Connection connection, List<Action> actions) throws SQLException {
        Set<String> existing = new HashSet<>();
        try (PreparedStatement lookUp = connection.prepareStatement(
                "select idempotency_key from action where idempotency_key = any(?)")) {
            for (int from = 0; from < actions.size(); from += CHUNK) {
                Array keys = connection.createArrayOf("varchar", actions.subList(from, Math.min(actions.size(), from + CHUNK))
                        .stream().map(action -> action.idempotencyKey).toArray());
                lookUp.setArray(1, keys);
                try (ResultSet found = lookUp.executeQuery()) {
                    while (found.next()) {
                        existing.add(found.getString(1));
                    }
                }
                keys.free();
            }
        }
        return existing;
    }

    private Map<String, Long> copyIn(Connection connection, List<Action> actions, OffsetDateTime now) throws SQLException {
        long[] ids = CopyText.nextIds(connection, SEQUENCE, actions.size());
        Map<String, Long> created = new HashMap<>();
        List<Object[]> rows = new ArrayList<>(Math.min(actions.size(), CHUNK));
        for (int i = 0; i < actions.size(); i++) {
            Action action = actions.get(i);
            Object[] row = new Object[COLUMNS.size() + 1];
            row[0] = ids[i];
            for (int column = 0; column < COLUMNS.size(); column++) {
                Column definition = COLUMNS.get(column);
                row[column + 1] = definition.perAction() != null ? definition.perAction().apply(action)
                        : definition.perChunk().apply(now);
            }
            rows.add(row);
            created.put(action.idempotencyKey, ids[i]);
            if (rows.size() == CHUNK || i == actions.size() - 1) {
                CopyText.copyIn(connection, copy, rows);
                rows.clear();
            }
        }
        return created;
    }

    private Map<String, Long> insertSkippingTaken(Connection connection, List<Action> actions, OffsetDateTime now)
            throws SQLException {
        Map<String, Long> created = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            for (int from = 0; from < actions.size(); from += CHUNK) {
                List<Action> chunk = actions.subList(from, Math.min(actions.size(), from + CHUNK));
                int parameter = 1;
                for (Column column : COLUMNS) {
                    if (column.perChunk() != null) {
                        statement.setObject(parameter++, column.perChunk().apply(now));
                    }
                }
                List<Array> arrays = new ArrayList<>();
                for (Column column : COLUMNS) {
                    if (column.perAction() != null) {
                        Array array = connection.createArrayOf(column.sqlType(), chunk.stream().map(column.perAction())
                                .toArray(n -> (Object[]) java.lang.reflect.Array.newInstance(column.javaType(), n)));
                        arrays.add(array);
                        statement.setArray(parameter++, array);
                    }
                }
                try (ResultSet keys = statement.executeQuery()) {
                    while (keys.next()) {
                        created.put(keys.getString(2), keys.getLong(1));
                    }
                }
                for (Array array : arrays) {
                    array.free();
                }
            }
        }
        return created;
    }

    private static String copyStatement() {
        return "copy action (id, " + COLUMNS.stream().map(Column::name).collect(Collectors.joining(", ")) + ") from stdin";
    }

    private static String statement() {
        List<String> perChunk = COLUMNS.stream().filter(column -> column.perChunk() != null).map(Column::name).toList();
        List<Column> perAction = COLUMNS.stream().filter(column -> column.perAction() != null).toList();
        String names = COLUMNS.stream().filter(column -> column.perChunk() == null).map(Column::name)
                .collect(Collectors.joining(", "));
        return "insert into action (id, " + names + (perChunk.isEmpty() ? "" : ", " + String.join(", ", perChunk)) + ")"
                + " select nextval('" + SEQUENCE + "'), " + perAction.stream().map(column -> "u." + column.name())
                .collect(Collectors.joining(", "))
                + COLUMNS.stream().filter(column -> column.perChunk() != null)
                .map(column -> ", cast(? as " + column.sqlType() + ")").collect(Collectors.joining())
                + " from unnest(" + perAction.stream().map(column -> "cast(? as " + column.sqlType() + "[])")
                .collect(Collectors.joining(", ")) + ") as u (" + names + ")"
                + " on conflict (idempotency_key) do nothing returning id, idempotency_key";
    }

    /** A column: per action (sent as an array of {@code javaType}) or per chunk (one value for all its rows). */
    private record Column(String name, String sqlType, Class<?> javaType, Function<Action, Object> perAction,
                          Function<OffsetDateTime, Object> perChunk) {

        static Column perAction(String name, String sqlType, Class<?> javaType, Function<Action, Object> value) {
            return new Column(name, sqlType, javaType, value, null);
        }

        static Column perChunk(String name, String sqlType, Function<OffsetDateTime, Object> value) {
            return new Column(name, sqlType, Object.class, null, value);
        }
    }
}
