package io.shoprules.decisions;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A decision longer than a packed row of the log (the fixture {@code loyalty}'s LEVEL_UP carries
 * the shopper's id, which a request may make as long as it likes) is logged whole and read back as
 * answered; one longer than the column holds is logged as a marked stand-in; and a row that cannot
 * be read never takes its page of the log down.
 */
@QuarkusTest
class LongDecisionsTest {

    private static final int SUBJECT_KEPT = 128;

    @Inject
    DataSource dataSource;

    @Test
    void aDecisionLongerThanAPackedRowIsLoggedWholeAndReadsBackAsAnswered() {
        String shopperId = "long-whole-" + "x".repeat(20_000);
        Map<String, Object> answered = levelUpOf(decide(shopperId));

        List<Map<String, Object>> logged = logged(shopperId);
        assertEquals(1, logged.size(), logged::toString);
        assertEquals(answered, logged.get(0).get("decision"));
    }

    @Test
    void aDecisionLongerThanTheColumnIsLoggedAsAMarkedStandIn() {
        // a request's strings are capped at a million characters too; the decision holds the id twice
        String shopperId = "long-beyond-" + "y".repeat(DecisionLog.MAX_PAYLOAD - 1_000);
        Map<String, Object> answered = levelUpOf(decide(shopperId));
        assertEquals(shopperId, answered.get("shopperId"), "the client gets the decision whole");

        List<Map<String, Object>> logged = logged(shopperId);
        assertEquals(1, logged.size(), logged::toString);
        @SuppressWarnings("unchecked")
        Map<String, Object> standIn = (Map<String, Object>) logged.get(0).get("decision");
        assertEquals("LEVEL_UP", standIn.get("type"));
        assertEquals(answered.get("rule"), standIn.get("rule"));
        assertEquals(shopperId.substring(0, SUBJECT_KEPT), standIn.get("subject"));
        assertTrue(String.valueOf(standIn.get(DecisionLog.OMITTED)).contains("more than the decision log keeps"), standIn::toString);
        assertFalse(standIn.containsKey("shopperId"), standIn::toString);

        long id = ((Number) logged.get(0).get("id")).longValue();
        given().post("/api/decisions/{id}/scenario", id).then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("not kept whole"));
    }

    @Test
    void aRowCutBeforeTheColumnGrewReadsAsAStandInAndItsPageStillAnswers() throws SQLException {
        String subject = "cut-row-" + System.nanoTime();
        String readable = "{\"type\":\"LEVEL_UP\",\"subject\":\"" + subject + "\",\"rule\":\"r\",\"to\":\"GOLD\"}";
        insertRow(subject, readable);
        insertRow(subject, "{\"type\":\"LEVEL_UP\",\"subject\":\"" + subject + "\",\"rule\":\"r\",\"to\":\"GO");

        JsonPath page = given().queryParam("subject", subject).get("/api/decisions")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(2, page.getList("").size(), page::prettify);
        assertEquals("GOLD", page.getString("find { it.decision.to != null }.decision.to"));
        assertThat(page.getString("find { it.decision.to == null }.decision." + DecisionLog.OMITTED),
                "can no longer be read");
    }

    private static void assertThat(String text, String part) {
        assertTrue(text != null && text.contains(part), text);
    }

    private void insertRow(String subject, String payload) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into decision_log (id, rule_set, version,"
                     + " rule_name, type, subject, fact_ids, source, evaluated_at, decided_at, payload, decision_count)"
                     + " values (?, 'loyalty', 'v1', 'r', 'LEVEL_UP', ?, ?, 'REST',"
                     + " current_timestamp, current_timestamp, ?, 1)")) {
            // an id of the test's own, below any the sequence gives
            insert.setLong(1, -System.nanoTime());
            insert.setString(2, subject);
            insert.setString(3, subject);
            insert.setString(4, payload);
            insert.executeUpdate();
        }
    }

    private static JsonPath decide(String shopperId) {
        return given().contentType(ContentType.JSON)
                .body("{\"now\": \"2026-03-10T10:00:00+08:00\", \"facts\": [{\"shopperId\": \"" + shopperId + "\", \"orders\": 4}]}")
                .post("/api/rulesets/loyalty/decisions").then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> levelUpOf(JsonPath answer) {
        return answer.getMap("decisions.find { it.type == 'LEVEL_UP' }");
    }

    /** The log's rows about {@code shopperId}: its subject column keeps the first 128 characters. */
    private static List<Map<String, Object>> logged(String shopperId) {
        return given().queryParam("subject", shopperId.substring(0, SUBJECT_KEPT)).queryParam("type", "LEVEL_UP")
                .get("/api/decisions").then().statusCode(200)
                .body("size()", equalTo(1))
                .extract().jsonPath().getList("");
    }
}
