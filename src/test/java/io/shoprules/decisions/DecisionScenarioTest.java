package io.shoprules.decisions;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.shoprules.api.OpsKeyForTests;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A logged decision becomes a scenario in one call (POST /api/decisions/{id}/scenario), over HTTP on
 * the fixture rule sets: the YAML, added to the rule set's scenarios, passes; decisions whose input
 * is not recorded are refused with the reason.
 */
@QuarkusTest
class DecisionScenarioTest {

    @Inject
    DataSource dataSource;

    @Inject
    InputRecorder inputRecorder;

    @Test
    void aRestockDecisionBecomesAScenarioThatPassesWithEveryDecisionOfItsRequest() {
        decide("inventory", """
                {"now": "2026-03-10T10:00:00+08:00", "facts": [
                  {"skuId": "ds-low", "title": "保温杯 500ml", "onHand": 12, "avgDailySales": 8.5, "leadTimeDays": 5},
                  {"skuId": "ds-high", "onHand": 900, "avgDailySales": 10, "leadTimeDays": 3},
                  {"skuId": "ds-none", "onHand": 100, "avgDailySales": 10, "leadTimeDays": 3}]}""");
        long id = loggedDecisionAbout("ds-low");

        JsonPath scenario = given().when().post("/api/decisions/" + id + "/scenario")
                .then().statusCode(200)
                .body("decisionId", equalTo((int) id))
                .body("ruleSet", equalTo("inventory"))
                .body("file", equalTo("decision-" + id + "-restock.yaml"))
                .extract().jsonPath();
        String yaml = scenario.getString("yaml");

        assertTrue(yaml.contains("skuId: ds-low") && yaml.contains("skuId: ds-high") && yaml.contains("skuId: ds-none"), yaml);
        assertTrue(yaml.contains("exactly: true"), yaml);
        assertTrue(yaml.contains("type: RESTOCK, subject: ds-low") && yaml.contains("type: CLEARANCE, subject: ds-high"),
                "every decision of the request is expected: " + yaml);
        assertPasses("inventory", scenario.getString("file"), yaml);
    }

    @Test
    void aCartDecisionWithItemsAndTimesBecomesAScenarioThatPasses() {
        decide("cart", """
                {"now": "2026-03-10T11:00:00+08:00", "facts": [{"cartId": "ds-cart", "customerId": "ds-customer",
                  "items": [{"skuId": "SKU-9001", "title": "保温杯 500ml", "quantity": 2, "unitPrice": 19.9, "stockLeft": 12, "paidCount": 300}],
                  "addedAt": "2026-03-10T09:00:00+08:00", "smsConsent": true}]}""");
        long id = loggedDecisionAbout("ds-cart");

        JsonPath scenario = given().when().post("/api/decisions/" + id + "/scenario")
                .then().statusCode(200).extract().jsonPath();

        assertPasses("cart", scenario.getString("file"), scenario.getString("yaml"));
    }

    @Test
    void aListingWithSeveralTermsBecomesAScenarioExpectingEachOfThem() {
        decide("listing", """
                {"now": "2026-03-10T11:00:00+08:00", "facts": [{"listingId": "ds-listing", "platform": "TMALL",
                  "category": "家居", "title": "保温杯", "description": "根治失眠 万能 永久"}]}""");
        long id = loggedDecisionAbout("ds-listing");

        String yaml = given().when().post("/api/decisions/" + id + "/scenario")
                .then().statusCode(200).extract().jsonPath().getString("yaml");

        long violations = yaml.lines().filter(line -> line.startsWith("- {type: VIOLATION")).count();
        assertTrue(violations > 1, "each term found is expected: " + yaml);
        assertPasses("listing", "decision-" + id + "-violation.yaml", yaml);
    }

    @Test
    void anUnknownDecisionIsNotFound() {
        given().when().post("/api/decisions/999999999/scenario")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("field", equalTo("id"));
    }

    @Test
    void aJobDecisionIsRefusedPointingAtTheStoredFact() {
        given().contentType(ContentType.JSON)
                .body("{\"facts\": [{\"skuId\": \"ds-job\", \"onHand\": 1, \"avgDailySales\": 10, \"leadTimeDays\": 3}]}")
                .when().put("/api/facts/inventory").then().statusCode(200);
        given().when().post("/api/jobs/inventory/run").then().statusCode(200);
        long id = loggedDecisionAbout("ds-job");

        given().when().post("/api/decisions/" + id + "/scenario")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("field", equalTo("id"))
                .body("detail", containsString("job"))
                .body("detail", containsString("GET /api/facts/inventory/ds-job"));
    }

    @Test
    void aDecisionWhoseInputPassedTheRetentionIsRefusedSayingSo() throws SQLException {
        decide("inventory", """
                {"facts": [{"skuId": "ds-old", "onHand": 1, "avgDailySales": 10, "leadTimeDays": 3}]}""");
        long id = loggedDecisionAbout("ds-old");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement age = connection.prepareStatement("update recorded_input set received_at = ?"
                     + " where request_id = (select request_id from decision_log where id = ?)")) {
            age.setObject(1, OffsetDateTime.now().minusDays(30));
            age.setLong(2, id);
            assertEquals(1, age.executeUpdate());
        }
        assertTrue(inputRecorder.deleteExpired() >= 1);

        given().when().post("/api/decisions/" + id + "/scenario")
                .then().statusCode(409)
                .body("field", equalTo("id"))
                .body("detail", containsString("no longer recorded"))
                .body("detail", containsString("shoprules.inputs.retention-days"));
    }

    @Test
    void onlyOperationsTurnDecisionsIntoScenarios() {
        given().header("Authorization", "Bearer " + OpsKeyForTests.SHOP_KEY)
                .when().post("/api/decisions/1/scenario")
                .then().statusCode(403);
    }

    private static void decide(String ruleSet, String body) {
        given().header("Authorization", "Bearer " + OpsKeyForTests.SHOP_KEY).contentType(ContentType.JSON).body(body)
                .when().post("/api/rulesets/" + ruleSet + "/decisions")
                .then().statusCode(200);
    }

    private static long loggedDecisionAbout(String subject) {
        List<Map<String, Object>> logged = given().queryParam("subject", subject)
                .when().get("/api/decisions").then().statusCode(200).extract().jsonPath().getList("");
        assertTrue(!logged.isEmpty(), "a decision about " + subject + " is logged");
        return ((Number) logged.get(0).get("id")).longValue();
    }

    /** Validate with the YAML added to the fixture scenarios: that file must pass. */
    private static void assertPasses(String ruleSet, String file, String yaml) {
        JsonPath report = given().contentType(ContentType.JSON).body(Map.of("scenarios", Map.of(file, yaml)))
                .when().post("/api/rulesets/" + ruleSet + "/validate")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> result = report.<Map<String, Object>>getList("scenarios").stream()
                .filter(scenario -> file.equals(scenario.get("file"))).findFirst().orElseThrow();
        assertEquals(true, result.get("passed"), yaml + "\n" + result);
    }
}
