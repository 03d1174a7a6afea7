package io.shoprules.jobs;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.shoprules.StartsFromEmptyTables;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class JobRunTest implements StartsFromEmptyTables {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    DataSource dataSource;
    @Inject
    JobBatchProbe probe;

    @BeforeEach
    void resetProbe() {
        probe.reset();
    }

    @AfterEach
    void releaseProbe() {
        probe.reset();
    }

    private static void store(String prefix, int count) {
        for (int from = 0; from < count; from += 5_000) {
            given().contentType(ContentType.JSON).body(StoredInventory.body(prefix, from, Math.min(count, from + 5_000)))
                    .when().put("/api/facts/inventory").then().statusCode(200);
        }
    }

    @Test
    void aRunTurnsDecisionsIntoActionsOncePerSkuAndDay() {
        store("run", 10);
        given().when().post("/api/jobs/inventory/run")
                .then().statusCode(200)
                .body("status", equalTo("SUCCEEDED"))
                .body("triggeredBy", equalTo("MANUAL"))
                .body("factsRead", equalTo(10))
                .body("decisions", equalTo(6))
                .body("actionsCreated", equalTo(6))
                .body("errors", equalTo(0))
                .body("endedAt", notNullValue());

        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        given().queryParam("subject", "run-0000000").get("/api/actions")
                .then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].type", equalTo("RESTOCK"))
                .body("[0].status", equalTo("PENDING"))
                .body("[0].idempotencyKey", equalTo("RESTOCK:run-0000000:" + today))
                .body("[0].rule", equalTo("restock: stock covers fewer days than the cover target"))
                .body("[0].decision.quantity", equalTo(95))
                .body("[0].decision.urgency", equalTo("URGENT"));
        given().queryParam("subject", "run-0000001").get("/api/actions")
                .then().body("[0].type", equalTo("CLEARANCE")).body("[0].decision.plan", equalTo("BUNDLE_GIFT"));

        // The same day again: everything is decided again and logged, but no action twice.
        given().when().post("/api/jobs/inventory/run")
                .then().statusCode(200).body("decisions", equalTo(6)).body("actionsCreated", equalTo(0));
        given().queryParam("ruleSet", "inventory").queryParam("size", 1000).get("/api/actions").then().body("", hasSize(6));
        given().queryParam("subject", "run-0000000").queryParam("source", "JOB").get("/api/decisions")
                .then().body("", hasSize(2)).body("[0].source", equalTo("JOB"));

        given().get("/api/jobs").then().statusCode(200)
                .body("ruleSet", hasItem("inventory"))
                .body("find { it.ruleSet == 'inventory' }.cron", equalTo("0 0 2 * * ?"))
                .body("find { it.ruleSet == 'inventory' }.running", equalTo(false))
                .body("find { it.ruleSet == 'inventory' }.lastRuns", hasSize(2))
                .body("find { it.ruleSet == 'inventory' }.lastRuns[0].actionsCreated", equalTo(0))
                .body("find { it.ruleSet == 'inventory' }.lastRuns[1].actionsCreated", equalTo(6));
    }

    @Test
    void aRunKilledMidwayAndRunAgainCreatesEachActionExactlyOnce() throws SQLException {
        int count = 2_050; // five batches of 500: the fifth is short
        store("crash", count);
        probe.crashAt(3); // batches 1 and 2 commit, batch 3 dies before its commit

        // batch 4, written beside batch 3, may commit too (shoprules.jobs.writers); batch 5 never starts
        var failed = given().when().post("/api/jobs/inventory/run")
                .then().statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("lastError", containsString("simulated crash"))
                .extract().jsonPath();
        int committed = failed.getInt("batches");
        assertTrue(committed == 2 || committed == 3, () -> committed + " batches committed");
        int factsCommitted = committed * 500;
        assertEquals(factsCommitted, failed.getInt("factsRead"));
        assertEquals(StoredInventory.expectedActions(factsCommitted), failed.getInt("actionsCreated"));
        assertEquals(StoredInventory.expectedActions(factsCommitted), countRows("select count(*) from action"));

        given().when().post("/api/jobs/inventory/run")
                .then().statusCode(200)
                .body("status", equalTo("SUCCEEDED"))
                .body("factsRead", equalTo(count))
                .body("decisions", equalTo(StoredInventory.expectedActions(count)))
                .body("actionsCreated", equalTo(StoredInventory.expectedActions(count)
                        - StoredInventory.expectedActions(factsCommitted)));

        int expected = StoredInventory.expectedActions(count);
        assertEquals(expected, countRows("select count(*) from action"));
        assertEquals(expected, countRows("select count(distinct idempotency_key) from action"));
        assertEquals(expected, countRows("select count(distinct subject) from action"));
    }

    @Test
    void aBatchThatLostARaceIsRedoneFromItsOwnRowsAndTheRunCompletes() throws SQLException {
        int count = 2_050;
        store("lost-race", count);
        probe.loseRaceAt(2); // its rows are read again and written once more, beside batch 3

        given().when().post("/api/jobs/inventory/run")
                .then().statusCode(200)
                .body("status", equalTo("SUCCEEDED"))
                .body("batches", equalTo(5))
                .body("factsRead", equalTo(count))
                .body("actionsCreated", equalTo(StoredInventory.expectedActions(count)));

        int expected = StoredInventory.expectedActions(count);
        assertEquals(expected, countRows("select count(*) from action"));
        assertEquals(expected, countRows("select count(distinct subject) from action"));
        assertEquals(expected, countRows("select count(*) from decision_log where source = 'JOB' and subject like 'lost-race%'"));
    }

    @Test
    void aRunStartedWhileOneIsUnderWayIsRefused() throws Exception {
        store("busy", 3);
        var waiting = probe.hold();
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(
                () -> given().post("/api/jobs/inventory/run").then().extract().statusCode());
        assertTrue(waiting.await(30, TimeUnit.SECONDS), "the first run reached its batch");

        given().when().post("/api/jobs/inventory/run")
                .then().statusCode(409).contentType(PROBLEM).body("detail", containsString("running already"));
        given().get("/api/jobs/inventory").then().statusCode(200).body("running", equalTo(true));

        probe.release();
        assertEquals(200, first.get(30, TimeUnit.SECONDS));
        given().get("/api/jobs/inventory").then().body("running", equalTo(false)).body("lastRuns[0].status", equalTo("SUCCEEDED"));
    }

    @Test
    void anUnreadableStoredFactIsCountedAsAnErrorAndTheRestGoesOn() throws SQLException {
        store("mixed", 4);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("insert into stored_fact (rule_set, fact_id, payload, content_hash, updated_at)"
                    + " values ('inventory', 'mixed-broken', '{\"skuId\":\"mixed-broken\",\"onHand\":-3}', 'x', current_timestamp)");
        }
        given().when().post("/api/jobs/inventory/run")
                .then().statusCode(200)
                .body("status", equalTo("FINISHED_WITH_ERRORS"))
                .body("factsRead", equalTo(5))
                .body("errors", equalTo(1))
                .body("actionsCreated", equalTo(2))
                .body("lastError", containsString("mixed-broken"));
    }

    @Test
    void jobsOfUnknownRuleSetsDoNotExist() {
        given().post("/api/jobs/no-such-rules/run").then().statusCode(404).contentType(PROBLEM);
        given().get("/api/jobs/no-such-rules").then().statusCode(404).contentType(PROBLEM);
    }

    private int countRows(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getInt(1);
        }
    }
}
