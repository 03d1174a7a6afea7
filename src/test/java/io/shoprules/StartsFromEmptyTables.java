package io.shoprules;

import io.quarkus.arc.Arc;
import org.junit.jupiter.api.BeforeEach;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A {@code @QuarkusTest} that implements this starts every test with no stored facts, no actions
 * and no job runs, whatever the tests before it (in this class or another sharing the same
 * Quarkus instance) left behind. The decision log is kept: tests read it by subjects of their own.
 */
public interface StartsFromEmptyTables {

    @BeforeEach
    default void emptyTables() throws SQLException {
        try (Connection connection = Arc.container().instance(DataSource.class).get().getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("delete from stored_fact");
            statement.executeUpdate("delete from action");
            statement.executeUpdate("delete from coupon");
            statement.executeUpdate("delete from job_run");
        }
    }
}
