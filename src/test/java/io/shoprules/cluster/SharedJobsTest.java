package io.shoprules.cluster;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the instances on one database share: a job runs on one of them at a time, a job held by an
 * instance that stopped answering is taken over, and every live instance shows with the versions
 * it serves. The other instance is played by rows in the shared tables.
 */
@QuarkusTest
class SharedJobsTest {

    private static final String OTHER = "other-node:9999";
    private static final long OTHERS_RUN = 800_001;

    @Inject
    DataSource dataSource;

    @Inject
    ThisInstance thisInstance;

    @BeforeEach
    @AfterEach
    void forgetTheOtherInstance() throws SQLException {
        execute("delete from job_lease");
        execute("delete from service_instance where instance_name = ?", OTHER);
        execute("delete from job_run where id = ?", OTHERS_RUN);
    }

    @Test
    void aJobRunningOnAnotherLiveInstanceCannotBeStartedHere() throws SQLException {
        otherInstanceSeen(Instant.now(), "{}");
        execute("insert into job_lease (rule_set, holder, taken_at) values ('inventory', ?, current_timestamp)", OTHER);

        given().post("/api/jobs/inventory/run")
                .then().statusCode(409)
                .body("detail", containsString(OTHER));
    }

    @Test
    void aJobHeldByAnInstanceThatStoppedAnsweringIsTakenOverAndItsRunEnds() throws SQLException {
        otherInstanceSeen(Instant.now().minus(Duration.ofHours(1)), "{}");
        execute("insert into job_lease (rule_set, holder, taken_at) values ('inventory', ?, current_timestamp)", OTHER);
        execute("insert into job_run (id, rule_set, triggered_by, status, version, batch_size, started_at, facts_read,"
                + " batches, decisions, actions_created, errors, instance_name) values (" + OTHERS_RUN
                + ", 'inventory', 'SCHEDULE', 'RUNNING', 'v-gone', 500, current_timestamp, 500, 1, 0, 0, 0, ?)", OTHER);

        given().post("/api/jobs/inventory/run").then().statusCode(200).body("status", equalTo("SUCCEEDED"));

        List<Map<String, Object>> runs = given().get("/api/jobs/inventory").then().statusCode(200)
                .extract().jsonPath().getList("lastRuns");
        Map<String, Object> others = runs.stream().filter(run -> ((Number) run.get("id")).longValue() == OTHERS_RUN)
                .findFirst().orElseThrow();
        assertEquals("ABANDONED", others.get("status"));
        // the lease is given back: the next run here starts
        given().post("/api/jobs/inventory/run").then().statusCode(200);
    }

    @Test
    void everyLiveInstanceShowsWithTheVersionItServes() throws SQLException {
        otherInstanceSeen(Instant.now().plus(Duration.ofMinutes(1)), "{\"inventory\": \"older-version\"}");
        String serving = given().get("/api/rulesets").then().statusCode(200).extract().jsonPath()
                .getString("find { it.name == 'inventory' }.version");

        given().get("/api/rulesets").then().statusCode(200)
                .body("find { it.name == 'inventory' }.instances.find { it.instance == '" + OTHER + "' }.version",
                        equalTo("older-version"))
                .body("find { it.name == 'inventory' }.instances.find { it.instance == '" + thisInstance.name() + "' }.version",
                        equalTo(serving))
                .body("find { it.name == 'inventory' }.instances.instance", hasItem(thisInstance.name()))
                .body("find { it.name == 'inventory' }.instances[0].seenAt", notNullValue());
    }

    private void otherInstanceSeen(Instant lastSeen, String serving) throws SQLException {
        execute("insert into service_instance (instance_name, host, started_at, last_seen, serving) values (?, 'elsewhere', ?, ?, ?)",
                OTHER, Timestamp.from(lastSeen.minus(Duration.ofHours(2))), Timestamp.from(lastSeen), serving);
    }

    private void execute(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
