package io.shoprules.actions;

import org.hibernate.SessionFactory;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * New actions in one statement per chunk, on PostgreSQL: {@code insert ... select ... from
 * unnest(?::varchar[], ...) on conflict (idempotency_key) do nothing returning idempotency_key}.
 *
 * <p>Why: a job batch of 500 actions went out as a key look-up plus 500 single-row inserts through
 * Hibernate, each a round trip to the database; the scan's outbox writes ran at 3 % of the rate of
 * {@code COPY} of the same rows (figure 10 in {@code bench/README.md}). One statement per chunk
 * sends the rows as arrays, and the database itself skips the keys that exist: the unique index
 * decides, so there is no window between a look-up and the insert. A key another transaction has
 * inserted but not yet committed makes this statement wait for that transaction, then skip the key
 * if it committed or insert it if it rolled back: a key is never created twice, and
 * {@code returning} names exactly the keys this statement created.
 *
 * <p>H2 has no arrays to unnest into rows in the same way, so {@link Outbox#add} keeps its portable
 * path there (look up, then persist); {@link #inBulk()} says which path the database takes.
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

    private final DataSource dataSource;
    private final boolean inBulk;
    private final String insert;

    public ActionInserts(DataSource dataSource, SessionFactory sessionFactory) {
        this.dataSource = dataSource;
        // the database the datasource was configured with at run time, as Hibernate found it
        this.inBulk = sessionFactory.unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect()
                instanceof PostgreSQLDialect;
        this.insert = statement();
    }

    /** Whether this database takes the one-statement path ({@link #insertNew}); PostgreSQL does. */
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
        Map<String, Long> created = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(insert)) {
            for (int from = 0; from < ordered.size(); from += CHUNK) {
                List<Action> chunk = ordered.subList(from, Math.min(ordered.size(), from + CHUNK));
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
        } catch (SQLException e) {
            throw new OutboxWriteException("adding " + actions.size() + " actions failed", e);
        }
        return created;
    }

    private static String statement() {
        List<String> perChunk = COLUMNS.stream().filter(column -> column.perChunk() != null).map(Column::name).toList();
        List<Column> perAction = COLUMNS.stream().filter(column -> column.perAction() != null).toList();
        String names = COLUMNS.stream().filter(column -> column.perChunk() == null).map(Column::name)
                .collect(Collectors.joining(", "));
        return "insert into action (id, " + names + (perChunk.isEmpty() ? "" : ", " + String.join(", ", perChunk)) + ")"
                + " select nextval('action_seq'), " + perAction.stream().map(column -> "u." + column.name())
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
