package io.shoprules.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.shoprules.facts.FactStore;
import io.shoprules.inventory.Sku;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Figures 9 and 10, the scheduled scan on PostgreSQL, each a ratio against a reference measured in
 * the same run on the same machine and database:
 * <ul>
 *   <li>9, read side: the packaged service's inventory job over N stored SKUs with a rule set that
 *       decides nothing (rows/s from the run's {@code factsRead} and start/end, as
 *       {@code GET /api/jobs} shows them) against raw JDBC streaming of the same rows (one ordered
 *       query, autocommit off, a fetch size) with each payload parsed into a {@link Sku}.</li>
 *   <li>10, write side: the same job with a rule set that decides one RESTOCK per SKU, as actions
 *       created per second, against {@code COPY} of exactly those action rows into a scratch table
 *       made {@code like action including all} (same columns, unique key and indexes).</li>
 * </ul>
 * PostgreSQL at {@code -Dbench.jdbc-url} (default the database {@code bench_scan} on 127.0.0.1);
 * the benchmark creates its own schema there and drops it at the end, and stops the service it
 * started. N is {@code -Dbench.rows} (default 1,000,000). Arguments: the project directory, whose
 * {@code target/quarkus-app} must be packaged for PostgreSQL.
 */
public final class PostgresScanBench {

    private static final String KEY = "bench-key-" + System.nanoTime();
    private static final int PORT = Integer.getInteger("bench.port", 18090);
    private static final String JDBC_URL = System.getProperty("bench.jdbc-url", "jdbc:postgresql://127.0.0.1:5432/bench_scan");
    private static final String USER = System.getProperty("bench.user", "postgres");
    private static final String SCHEMA = "shoprules_scan_bench";
    private static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);
    /**
     * Read-side job runs: the first warms the service's JIT, the best of the others is the figure,
     * as the best of two passes is the raw stream's.
     */
    private static final int READ_RUNS = Integer.getInteger("bench.read-runs", 3);
    /**
     * Write-side rounds: each a job run that creates every action and a COPY of the same rows, each
     * side's best is the figure. Both sides swing by a quarter between rounds on this machine's disk.
     */
    private static final int WRITE_ROUNDS = Integer.getInteger("bench.write-rounds", 2);
    private static final int COPY_CHUNK = 50_000;
    /** Every wait of the benchmark together: it stops itself past this. */
    private static final Duration LIMIT = Duration.ofMinutes(Integer.getInteger("bench.minutes", 15));

    private static final String DECIDES_NOTHING = """
            // The benchmark's inventory rules, read side: every SKU is judged, none needs anything.
            package io.shoprules.rules.inventory;

            import io.shoprules.inventory.Sku;

            rule "bench: a SKU with negative stock"
            when
                Sku( onHand < 0 )
            then
            end
            """;
    private static final String ONE_ACTION_PER_SKU = """
            // The benchmark's inventory rules, write side: one RESTOCK for every SKU, so one action each.
            package io.shoprules.rules.inventory;

            import io.shoprules.inventory.RestockDecision;
            import io.shoprules.inventory.Sku;
            import io.shoprules.inventory.Urgency;
            import java.math.BigDecimal;

            rule "bench: restock every SKU"
            when
                $sku : Sku()
            then
                insert(new RestockDecision($sku.skuId(), 1L, Urgency.NORMAL, BigDecimal.ZERO, null));
            end
            """;

    /** HTTP/1.1: the client's default h2c upgrade lost the answer of a scan that ran for minutes. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    private final long deadline = System.nanoTime() + LIMIT.toNanos();
    private final String base = "http://127.0.0.1:" + PORT;

    private PostgresScanBench() {
    }

    public static void main(String[] args) throws Exception {
        try {
            new PostgresScanBench().run(Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize());
        } catch (Exception e) {
            System.out.println("figure 9, 10  PostgreSQL scan benchmark failed: " + e);
            throw e;
        }
    }

    private void run(Path project) throws Exception {
        String schemaUrl = JDBC_URL + (JDBC_URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
        try (Connection admin = DriverManager.getConnection(JDBC_URL, USER, System.getProperty("bench.password", ""))) {
            requireLoopback(admin);
            try (Statement statement = admin.createStatement()) {
                statement.execute("drop schema if exists " + SCHEMA + " cascade");
                statement.execute("create schema " + SCHEMA);
            }
            Path work = project.resolve("bench/target/pgscan");
            PackagedService.prepare(project, work);
            // the benchmark's own inventory rules; the shipped scenarios would reject them
            PackagedService.delete(work.resolve("scenarios/inventory"));
            writeInventoryRules(work, DECIDES_NOTHING);
            List<String> settings = new ArrayList<>(List.of(
                    // as docs/operations.md advises for production
                    "-Dquarkus.datasource.jdbc.url=" + schemaUrl + "&prepareThreshold=0&reWriteBatchedInserts=true",
                    "-Dquarkus.datasource.username=" + USER,
                    "-Dquarkus.flyway.schemas=" + SCHEMA,
                    "-Dshoprules.jobs.enabled=false",
                    "-Dshoprules.instance.name=pgscan-bench",
                    // POST /api/jobs/inventory/run answers when the whole scan is done: minutes without a byte
                    "-Dquarkus.http.idle-timeout=30m"));
            // more JVM options for the service (-Dbench.service-options) are added by PackagedService
            Process service = PackagedService.start(project, work, work.resolve("service"), PORT, KEY,
                    settings.toArray(String[]::new));
            // an interrupted benchmark (Ctrl-C, kill) leaves no service behind
            Thread stopService = new Thread(service::destroy);
            Runtime.getRuntime().addShutdownHook(stopService);
            try {
                awaitServing(service, work, "bench: a SKU with negative stock");
                try (Connection connection = DriverManager.getConnection(schemaUrl, USER, System.getProperty("bench.password", ""))) {
                    double loaded = storeSkus(connection);
                    System.out.printf("stored %,d SKUs with COPY in %.1f s (not a figure)%n", ROWS, loaded);
                    readSide(connection);
                    writeInventoryRules(work, ONE_ACTION_PER_SKU);
                    send("POST", "/api/rulesets/reload", null);
                    awaitServing(service, work, "bench: restock every SKU");
                    writeSide(connection, work);
                }
            } finally {
                service.destroy();
                service.waitFor();
            }
        } finally {
            try (Connection admin = DriverManager.getConnection(JDBC_URL, USER, System.getProperty("bench.password", ""));
                 Statement statement = admin.createStatement()) {
                statement.execute("drop schema if exists " + SCHEMA + " cascade");
            }
        }
    }

    private void readSide(Connection connection) throws Exception {
        // the first run warms the service up and tells its batch size, which the raw stream fetches by
        JobRun run = jobRun(0);
        int fetchSize = run.batchSize();
        double raw = rawStream(connection, fetchSize);
        double job = READ_RUNS == 1 ? run.rate() : 0;
        for (int i = 2; i <= READ_RUNS; i++) {
            job = Math.max(job, jobRun(0).rate());
        }
        raw = Math.max(raw, rawStream(connection, fetchSize));
        String runs = READ_RUNS == 1 ? "1 run" : "best of runs 2-" + READ_RUNS;
        System.out.printf("figure 9  PostgreSQL scan, read side: %,d SKUs, inventory job deciding nothing %,.0f rows/s"
                        + " (%s, batches of %d), raw JDBC stream + JSON->Sku %,.0f rows/s (fetch size %d, best of 2):"
                        + " ratio %.2f (target >= 0.5); load average %s%n",
                ROWS, job, runs, run.batchSize(), raw, fetchSize, job / raw, loadAverage());
    }

    private void writeSide(Connection connection, Path work) throws Exception {
        double job = 0;
        double copy = 0;
        for (int round = 1; round <= WRITE_ROUNDS; round++) {
            if (round > 1) {
                try (Statement statement = connection.createStatement()) {
                    // the actions and log rows of the round before: the next run creates them all again
                    statement.execute("truncate action, decision_log cascade");
                    statement.execute("drop table action_copy");
                }
            }
            checkpoint(connection);
            double jobRound = jobRun(ROWS).rate();
            double copyRound = copyActions(connection, work);
            System.out.printf("  write round %d of %d: job %,.0f actions/s, COPY %,.0f rows/s: %.2f%n",
                    round, WRITE_ROUNDS, jobRound, copyRound, jobRound / copyRound);
            job = Math.max(job, jobRound);
            copy = Math.max(copy, copyRound);
        }
        System.out.printf("figure 10  PostgreSQL outbox writes: %,d SKUs, inventory job creating one action each %,.0f actions/s"
                        + " (with its decision log), COPY of the same %,d action rows into a table like action %,.0f rows/s"
                        + " (best of %d each): ratio %.2f (target >= 0.5); load average %s%n",
                ROWS, job, ROWS, copy, WRITE_ROUNDS, job / copy, loadAverage());
    }

    /** COPY of the SKUs into stored_fact, as the service would store them (its JSON and hash). */
    private double storeSkus(Connection connection) throws Exception {
        long started = System.nanoTime();
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        OffsetDateTime now = OffsetDateTime.now();
        Random random = new Random(42);
        for (int from = 0; from < ROWS; from += COPY_CHUNK) {
            StringBuilder rows = new StringBuilder(COPY_CHUNK * 220);
            for (int i = from; i < Math.min(ROWS, from + COPY_CHUNK); i++) {
                String payload = skuJson(i, random);
                rows.append("inventory\t").append(skuId(i)).append('\t').append(payload).append('\t')
                        .append(FactStore.hashOf(payload)).append('\t').append(now).append("\t\\N\n");
            }
            copy.copyIn("copy stored_fact (rule_set, fact_id, payload, content_hash, updated_at, scan_group) from stdin",
                    new StringReader(rows.toString()));
            checkDeadline();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("analyze stored_fact");
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static String skuId(int i) {
        return String.format("sku-%07d", i);
    }

    /** A SKU as the service stores one: the fields of {@link Sku} in its JSON. */
    private static String skuJson(int i, Random random) {
        return "{\"skuId\":\"" + skuId(i) + "\",\"title\":\"bench item " + i + "\",\"onHand\":" + random.nextInt(1200)
                + ",\"inTransit\":" + (random.nextInt(4) == 0 ? random.nextInt(200) : 0)
                + ",\"avgDailySales\":" + random.nextInt(400) / 10.0 + ",\"leadTimeDays\":" + (1 + random.nextInt(14))
                + ",\"presaleDeposits\":0,\"listedOn\":" + (random.nextInt(5) == 0 ? "\"2026-02-10\"" : "null") + "}";
    }

    /** The reference of figure 9: one ordered query over the rule set's rows, a cursor, each payload read as a Sku. */
    private double rawStream(Connection connection, int fetchSize) throws Exception {
        long started = System.nanoTime();
        long count = 0;
        long checksum = 0;
        connection.setAutoCommit(false); // PostgreSQL streams through a cursor only inside a transaction
        try (PreparedStatement select = connection.prepareStatement("select fact_id, payload, content_hash, scan_group"
                + " from stored_fact where rule_set = ? order by rule_set, fact_id")) {
            select.setString(1, "inventory");
            select.setFetchSize(fetchSize);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    String id = result.getString(1);
                    Sku sku = json.readValue(result.getString(2), Sku.class);
                    checksum += sku.onHand() + id.length() + result.getString(3).length()
                            + (result.getString(4) == null ? 0 : 1);
                    count++;
                }
            }
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
        if (count != ROWS || checksum == 0) {
            throw new IllegalStateException("the raw stream read " + count + " rows, expected " + ROWS);
        }
        return count / ((System.nanoTime() - started) / 1e9);
    }

    /**
     * Runs the inventory job and returns its rate from {@code GET /api/jobs}: facts read, or
     * actions created when {@code expectedActions} is positive, per second between its start and end.
     */
    private JobRun jobRun(long expectedActions) throws Exception {
        JsonNode ran = json.readTree(send("POST", "/api/jobs/inventory/run", null));
        long id = ran.path("id").asLong();
        JsonNode run = null;
        for (JsonNode job : json.readTree(send("GET", "/api/jobs", null))) {
            for (JsonNode candidate : job.path("lastRuns")) {
                if (candidate.path("id").asLong() == id) {
                    run = candidate;
                }
            }
        }
        if (run == null || !"SUCCEEDED".equals(run.path("status").asText())) {
            throw new IllegalStateException("job run " + id + " did not succeed: " + (run == null ? ran : run));
        }
        double seconds = Duration.between(OffsetDateTime.parse(run.path("startedAt").asText()),
                OffsetDateTime.parse(run.path("endedAt").asText())).toNanos() / 1e9;
        long factsRead = run.path("factsRead").asLong();
        long created = run.path("actionsCreated").asLong();
        if (factsRead != ROWS || created != expectedActions) {
            throw new IllegalStateException("job run " + id + " read " + factsRead + " facts and created " + created
                    + " actions; expected " + ROWS + " and " + expectedActions);
        }
        System.out.printf("  job run %d: %,d facts, %,d decisions, %,d actions created in %.1f s (load average %s)%n",
                id, factsRead, run.path("decisions").asLong(), created, seconds, loadAverage());
        return new JobRun((expectedActions > 0 ? created : factsRead) / seconds, run.path("batchSize").asInt());
    }

    /** A job run's rate (facts read or actions created per second) and the batch size it ran with. */
    private record JobRun(double rate, int batchSize) {
    }

    /**
     * The reference of figure 10: the job's own action rows, written out to a file beforehand (not
     * timed), then loaded with COPY into a scratch table with the columns, unique key and indexes of
     * {@code action}.
     */
    private double copyActions(Connection connection, Path work) throws Exception {
        Path rows = work.resolve("actions.copy");
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        try (OutputStream out = Files.newOutputStream(rows)) {
            copy.copyOut("copy action to stdout", out);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("create table action_copy (like action including all)");
        }
        checkpoint(connection);
        long started = System.nanoTime();
        long copied;
        try (InputStream in = Files.newInputStream(rows)) {
            copied = copy.copyIn("copy action_copy from stdin", in);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Files.delete(rows);
        if (copied != ROWS) {
            throw new IllegalStateException("COPY loaded " + copied + " action rows, expected " + ROWS);
        }
        return copied / seconds;
    }

    /**
     * Starts a measured phase with the dirty pages of the one before written out. Without it the
     * COPY paid for the checkpoints the job's own writes had made due, and its rate swung from
     * 57,000 to 74,000 rows/s between two runs of the same build.
     */
    private static void checkpoint(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("checkpoint");
        } catch (SQLException e) {
            System.out.println("  (no checkpoint before the phase: " + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    private static void writeInventoryRules(Path work, String drl) throws IOException {
        Path inventory = work.resolve("rules/inventory");
        PackagedService.delete(inventory);
        Files.createDirectories(inventory);
        Files.writeString(inventory.resolve("bench.drl"), drl);
    }

    /** Waits until the service serves inventory with the rule {@code rule}. */
    private void awaitServing(Process service, Path work, String rule) throws Exception {
        while (true) {
            checkDeadline();
            if (!service.isAlive()) {
                throw new IllegalStateException("the service stopped; see " + work.resolve("service/service.log"));
            }
            try {
                HttpResponse<String> answer = http.send(request("GET", "/api/rulesets", null).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains(rule)) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
    }

    private String send(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(method, path, body).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private HttpRequest.Builder request(String method, String path, String body) {
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000_000L);
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(left))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }

    private void checkDeadline() {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the benchmark ran past its limit of " + LIMIT.toMinutes()
                    + " minutes (-Dbench.minutes)");
        }
    }

    /** The benchmark talks to a database on this machine only. */
    private static void requireLoopback(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select coalesce(host(inet_server_addr()), 'local socket')")) {
            result.next();
            String address = result.getString(1);
            if (!address.equals("local socket") && !address.startsWith("127.") && !address.equals("::1")) {
                throw new IllegalStateException("PostgreSQL answers from " + address + ": the benchmark runs on loopback only");
            }
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
