package io.shoprules.jobs;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.flywaydb.core.Flyway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a kill -9 mid-run leaves behind, in place before the service starts: the schema, and job runs
 * still RUNNING, one of this instance ({@link #INSTANCE}) and one of another instance. On H2 a file
 * database of its own; under {@code -Dquarkus.test.profile=pgtest} the PostgreSQL database, cleaned.
 */
public class KilledRun implements QuarkusTestResourceLifecycleManager {

    static final String INSTANCE = "killed-and-restarted";
    static final String OTHER_INSTANCE = "still-alive";
    static final long OWN_RUN = 900_001;
    static final long OTHER_RUN = 900_002;

    @Override
    public Map<String, String> start() {
        boolean postgres = "pgtest".equals(System.getProperty("quarkus.test.profile"));
        String url;
        String user;
        try {
            if (postgres) {
                url = System.getProperty("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/test");
                user = "postgres";
            } else {
                Path folder = Path.of("target", "killed-run-db");
                if (Files.exists(folder)) {
                    try (Stream<Path> files = Files.walk(folder)) {
                        files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
                    }
                }
                url = "jdbc:h2:file:" + folder.toAbsolutePath().resolve("shoprules");
                user = "sa";
            }
            Flyway flyway = Flyway.configure().dataSource(url, user, "").cleanDisabled(false)
                    .locations("classpath:db/migration").load();
            if (postgres) {
                flyway.clean();
            }
            flyway.migrate();
            try (Connection connection = DriverManager.getConnection(url, user, "");
                 Statement statement = connection.createStatement()) {
                for (String[] run : new String[][] {{String.valueOf(OWN_RUN), INSTANCE}, {String.valueOf(OTHER_RUN), OTHER_INSTANCE}}) {
                    statement.executeUpdate("insert into job_run (id, rule_set, triggered_by, status, version, batch_size,"
                            + " started_at, facts_read, batches, decisions, actions_created, errors, instance_name) values ("
                            + run[0] + ", 'inventory', 'MANUAL', 'RUNNING', 'v-killed', 500, current_timestamp, 500, 1, 0, 0, 0, '"
                            + run[1] + "')");
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("preparing the killed run failed", e);
        }
        return Map.of("%test.quarkus.datasource.jdbc.url", url,
                "%pgtest.quarkus.flyway.clean-at-start", "false",
                "shoprules.instance.name", INSTANCE);
    }

    @Override
    public void stop() {
    }
}
