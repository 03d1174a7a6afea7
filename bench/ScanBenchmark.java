import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.shoprules.facts.FactPages;
import io.shoprules.facts.StoredFactRow;
import io.shoprules.inventory.Sku;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Scan benchmark: how fast does the job's batch reader ({@link FactPages}, keyset pages of the
 * stored_fact table) read a table, against raw JDBC streaming of the same table (one query, one
 * cursor, fetch size = batch size), in the same run and JVM. See bench/README.md.
 *
 * <pre>
 * bench/scan-benchmark.sh [--url jdbc:h2:mem:bench] [--user sa] [--password ''] [--rows 200000] [--batch 500] [--rounds 5]
 * </pre>
 */
public class ScanBenchmark {

    private static final String RULE_SET = "bench";

    public static void main(String[] args) throws Exception {
        String url = option(args, "--url", "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1");
        String user = option(args, "--user", url.startsWith("jdbc:h2") ? "sa" : "postgres");
        String password = option(args, "--password", "");
        int rows = Integer.parseInt(option(args, "--rows", "200000"));
        int batch = Integer.parseInt(option(args, "--batch", "500"));
        int rounds = Integer.parseInt(option(args, "--rounds", "5"));

        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            prepare(connection, rows);
            System.out.printf("scan benchmark: %s, %,d rows, batch %d, %d rounds (+1 warm-up)%n",
                    connection.getMetaData().getDatabaseProductName() + " " + connection.getMetaData().getDatabaseProductVersion(),
                    rows, batch, rounds);
            ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
            double pages = 0;
            double stream = 0;
            double parsed = 0;
            for (int round = 0; round <= rounds; round++) {
                // Alternate the order so neither side always runs on a warmer cache.
                double a;
                double b;
                if (round % 2 == 0) {
                    a = keysetPages(connection, batch, rows, null);
                    b = rawStream(connection, batch, rows);
                } else {
                    b = rawStream(connection, batch, rows);
                    a = keysetPages(connection, batch, rows, null);
                }
                double c = keysetPages(connection, batch, rows, json);
                if (round == 0) {
                    System.out.printf("warm-up: batch reader %,.0f rows/s, raw stream %,.0f rows/s%n", a, b);
                    continue;
                }
                pages += a;
                stream += b;
                parsed += c;
                System.out.printf("round %d: batch reader %,.0f rows/s | raw JDBC stream %,.0f rows/s | ratio %.2f"
                        + " | batch reader + JSON->Sku %,.0f rows/s%n", round, a, b, a / b, c);
            }
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("delete from stored_fact where rule_set = '" + RULE_SET + "'");
            }
            System.out.printf("MEAN: batch reader %,.0f rows/s, raw JDBC stream %,.0f rows/s, ratio (reader/raw) %.2f;"
                    + " with JSON->Sku %,.0f rows/s%n", pages / rounds, stream / rounds, pages / stream, parsed / rounds);
        }
    }

    /** The job's reader: keyset pages, one short query each. Optionally reads each row as a Sku too. */
    private static double keysetPages(Connection connection, int batch, int expected, ObjectMapper json) throws Exception {
        long started = System.nanoTime();
        long count = 0;
        long checksum = 0;
        String after = FactPages.START;
        while (true) {
            List<StoredFactRow> page = FactPages.page(connection, RULE_SET, after, batch);
            for (StoredFactRow row : page) {
                checksum += row.payload().length();
                if (json != null) {
                    checksum += json.readValue(row.payload(), Sku.class).onHand();
                }
            }
            count += page.size();
            if (page.size() < batch) {
                break;
            }
            after = page.get(page.size() - 1).factId();
        }
        return finish(started, count, expected, checksum);
    }

    /** Raw JDBC streaming of the same rows: one ordered query read through a cursor. */
    private static double rawStream(Connection connection, int batch, int expected) throws SQLException {
        long started = System.nanoTime();
        long count = 0;
        long checksum = 0;
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
        try (PreparedStatement select = connection.prepareStatement(
                "select fact_id, payload, content_hash, scan_group from stored_fact where rule_set = ? order by fact_id")) {
            select.setString(1, RULE_SET);
            select.setFetchSize(batch);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    StoredFactRow row = new StoredFactRow(result.getString(1), result.getString(2), result.getString(3),
                            result.getString(4));
                    checksum += row.payload().length();
                    count++;
                }
            }
            connection.commit();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return finish(started, count, expected, checksum);
    }

    private static double finish(long started, long count, int expected, long checksum) {
        double seconds = (System.nanoTime() - started) / 1e9;
        if (count != expected || checksum == 0) {
            throw new IllegalStateException("read " + count + " rows, expected " + expected);
        }
        return count / seconds;
    }

    private static void prepare(Connection connection, int rows) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists stored_fact (rule_set varchar(64) not null,"
                    + " fact_id varchar(128) not null, payload varchar(1000000) not null, content_hash varchar(64) not null,"
                    + " updated_at timestamp with time zone not null, scan_group varchar(200), primary key (rule_set, fact_id))");
            statement.executeUpdate("delete from stored_fact where rule_set = '" + RULE_SET + "'");
        }
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into stored_fact (rule_set, fact_id, payload, content_hash, updated_at) values (?, ?, ?, ?, ?)")) {
            OffsetDateTime now = OffsetDateTime.now();
            for (int i = 0; i < rows; i++) {
                String id = String.format("sku-%07d", i);
                String payload = "{\"skuId\":\"" + id + "\",\"title\":\"bench item " + i + "\",\"onHand\":" + (i % 900)
                        + ",\"inTransit\":0,\"avgDailySales\":" + (i % 13) + ".5,\"leadTimeDays\":3,\"presaleDeposits\":0,"
                        + "\"listedOn\":\"2025-01-01\"}";
                insert.setString(1, RULE_SET);
                insert.setString(2, id);
                insert.setString(3, payload);
                insert.setString(4, Integer.toHexString(payload.hashCode()));
                insert.setObject(5, now);
                insert.addBatch();
                if (i % 5_000 == 4_999) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            insert.executeBatch();
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(connection.getMetaData().getDatabaseProductName().startsWith("PostgreSQL")
                    ? "analyze stored_fact" : "analyze");
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
