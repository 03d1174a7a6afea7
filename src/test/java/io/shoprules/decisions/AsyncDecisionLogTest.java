package io.shoprules.decisions;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** With the log written off the request path, every decision still reaches it, or is set aside visibly. */
@QuarkusTest
@TestProfile(AsyncDecisionLogTest.AsyncWrites.class)
class AsyncDecisionLogTest {

    public static class AsyncWrites implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shoprules.decisions.log-writes", "async");
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void decisionsOfManyRequestsAllReachTheLog() throws InterruptedException {
        int requests = 200;
        for (int i = 0; i < requests; i++) {
            post("async-" + i);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int logged = 0;
        while (System.nanoTime() < deadline) {
            List<?> entries = given().queryParam("type", "RESTOCK").queryParam("size", 1000)
                    .get("/api/decisions").then().statusCode(200).extract().jsonPath().getList("subject");
            logged = (int) entries.stream().filter(s -> String.valueOf(s).startsWith("async-")).count();
            if (logged == requests) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(requests, logged);
    }

    @Test
    void theInputsOfManyRequestsAllReachTheRecordedInputs() throws Exception {
        int requests = 100;
        for (int i = 0; i < requests; i++) {
            // no decision for these SKUs: an input is recorded whatever the serving version decides
            decide("{\"facts\": [{\"skuId\": \"async-input-" + i
                    + "\", \"onHand\": 10, \"avgDailySales\": 1, \"leadTimeDays\": 1}]}");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long recorded = 0;
        while (System.nanoTime() < deadline) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                 java.sql.ResultSet result = statement.executeQuery(
                         "select count(*) from recorded_input where facts like '%\"async-input-%'")) {
                result.next();
                recorded = result.getLong(1);
            }
            if (recorded == requests) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(requests, recorded);
    }

    /**
     * On PostgreSQL the inputs go in by COPY's text format, where a tab ends a column, a newline a
     * row and a backslash starts an escape: each must come back as it was posted.
     */
    @Test
    void anInputsTextComesBackAsItWasPosted() throws Exception {
        // as written in the JSON body: the escapes stand for a tab, a backslash, a quote, a carriage return and a newline
        String title = "tab\\there, back\\\\slash \\\\N, \\\"quoted\\\"\\r\\nnext line 保温杯";
        decide("{\"facts\": [{\"skuId\": \"async-text\", \"title\": \"" + title
                + "\", \"onHand\": 10, \"avgDailySales\": 1, \"leadTimeDays\": 1}]}");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String facts = null;
        while (facts == null && System.nanoTime() < deadline) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                 java.sql.ResultSet result = statement.executeQuery(
                         "select facts from recorded_input where facts like '%\"async-text\"%'")) {
                facts = result.next() ? result.getString(1) : null;
            }
            Thread.sleep(100);
        }
        assertNotNull(facts, "the input was recorded");
        String expected = new ObjectMapper().readValue("\"" + title + "\"", String.class);
        assertEquals(expected, new ObjectMapper().readTree(facts).get(0).get("title").asText());
    }

    /**
     * The API refuses what the database cannot store, so a refusing database is made here: a check
     * constraint (portable between H2 and PostgreSQL) that rejects one subject. Before, its batch went
     * back to the queue every second with every later entry, and the log stood still for good.
     */
    @Test
    void anEntryTheDatabaseRefusesIsSetAsideAndTheLogGoesOn() throws Exception {
        execute("alter table decision_log add constraint refuses_poison check (subject <> 'poison-1')");
        try {
            post("poison-1");
            int requests = 30;
            for (int i = 0; i < requests; i++) {
                post("after-poison-" + i);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long logged = 0;
            while (System.nanoTime() < deadline) {
                logged = given().queryParam("type", "RESTOCK").queryParam("size", 1000).get("/api/decisions")
                        .then().statusCode(200).extract().jsonPath().getList("subject").stream()
                        .filter(s -> String.valueOf(s).startsWith("after-poison-")).count();
                if (logged == requests) {
                    break;
                }
                Thread.sleep(100);
            }
            assertEquals(requests, logged, "every entry after the refused one reaches the log");
        } finally {
            execute("alter table decision_log drop constraint refuses_poison");
        }
        given().get("/api/decisions?subject=poison-1").then().statusCode(200).body("size()", equalTo(0));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("shoprules_decision_log_set_aside_total 1.0"));
        given().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'decision log' }.data.setAside", equalTo(1))
                .body("checks.find { it.name == 'decision log' }.status", equalTo("UP"));
    }

    /** A SKU out of stock: one RESTOCK for it. */
    private static void post(String skuId) {
        decide("{\"now\": \"2026-03-10T10:00:00+08:00\", \"facts\": [{\"skuId\": \"" + skuId
                + "\", \"onHand\": 0, \"avgDailySales\": 1, \"leadTimeDays\": 1}]}");
    }

    private static void decide(String body) {
        given().contentType(ContentType.JSON).body(body)
                .post("/api/rulesets/inventory/decisions")
                .then().statusCode(200);
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
