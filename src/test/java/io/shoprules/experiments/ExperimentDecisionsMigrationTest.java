package io.shoprules.experiments;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * V17 moves the decisions of experiments out of the decision log's index into a table of their own:
 * a database that logged decisions before it keeps its experiments' results. On H2 in memory; under
 * {@code -Dquarkus.test.profile=pgtest} in a schema of its own on that profile's PostgreSQL database.
 */
class ExperimentDecisionsMigrationTest {

    private static final String SCHEMA = "v17_migration";

    @Test
    void decisionsLoggedBeforeTheMoveCountInTheirExperimentAfterIt() throws SQLException {
        boolean postgres = "pgtest".equals(System.getProperty("quarkus.test.profile"));
        String url = postgres
                ? System.getProperty("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/test")
                : "jdbc:h2:mem:v17-migration;DB_CLOSE_DELAY=-1";
        String user = postgres ? "postgres" : "sa";
        // H2 has a database of its own; PostgreSQL's is shared with the suite, hence a schema
        String schema = postgres ? SCHEMA : "PUBLIC";
        Flyway.configure().dataSource(url, user, "").schemas(schema).cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(url, user, "").schemas(schema).locations("classpath:db/migration")
                .target("16").load().migrate();
        try (Connection connection = DriverManager.getConnection(url, user, "");
             Statement statement = connection.createStatement()) {
            statement.execute("set " + (postgres ? "search_path to " : "schema ") + schema);
            statement.executeUpdate(logged(1, "coupon-25", "challenger", "'customer-1'"));
            statement.executeUpdate(logged(2, null, null, "null"));
            statement.executeUpdate(logged(3, "coupon-25", "champion", "'customer-2'"));
        }

        Flyway.configure().dataSource(url, user, "").schemas(schema).locations("classpath:db/migration").load().migrate();

        try (Connection connection = DriverManager.getConnection(url, user, "");
             Statement statement = connection.createStatement()) {
            statement.execute("set " + (postgres ? "search_path to " : "schema ") + schema);
            assertEquals(List.of("1 coupon-25 challenger customer-1 REMINDER", "3 coupon-25 champion customer-2 REMINDER"),
                    rows(statement, "select id, experiment, variant, experiment_subject, type from experiment_decision order by id"));
            // a decision logged after the move takes the next id, not one of the copied rows'
            assertEquals(List.of("4"), rows(statement, "select " + (postgres
                    ? "nextval('experiment_decision_seq')" : "next value for experiment_decision_seq")));
            assertEquals(List.of("3"), rows(statement, "select count(*) from decision_log"));
        } finally {
            Flyway.configure().dataSource(url, user, "").schemas(schema).cleanDisabled(false).load().clean();
        }
    }

    private static String logged(long id, String experiment, String variant, String subject) {
        return "insert into decision_log (id, rule_set, version, rule_name, type, subject, fact_ids, source, evaluated_at,"
                + " decided_at, payload, experiment, variant, experiment_subject) values (" + id
                + ", 'cart', 'v1', 'remind', 'REMINDER', 'c-" + id + "', 'c-" + id + "', 'REST', current_timestamp,"
                + " current_timestamp, '{}', " + quoted(experiment) + ", " + quoted(variant) + ", " + subject + ")";
    }

    private static String quoted(String text) {
        return text == null ? "null" : "'" + text + "'";
    }

    private static List<String> rows(Statement statement, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int column = 1; column <= columns; column++) {
                    row.append(column > 1 ? " " : "").append(result.getString(column));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
