package io.shoprules.inventory;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The inventory decisions endpoint over HTTP. Quantities are those of the tests' fixture rules
 * (src/test/resources/fixtures: a 7-day cover target), not of the shipped rules operations edit.
 */
@QuarkusTest
class InventoryDecisionsTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void restockDecisionNamesItsRuleAndVersion() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"now": "2026-03-10T10:00:00+08:00",
                         "facts": [{"skuId": "http-1", "onHand": 50, "avgDailySales": 10, "leadTimeDays": 3}]}""")
                .when().post("/api/rulesets/inventory/decisions")
                .then().statusCode(200)
                .body("ruleSet", equalTo("inventory"))
                .body("version", matchesPattern("[0-9a-f]{12}"))
                .body("decisions", hasSize(1))
                .body("decisions[0].type", equalTo("RESTOCK"))
                .body("decisions[0].subject", equalTo("http-1"))
                .body("decisions[0].rule", equalTo("restock: stock covers fewer days than the cover target"))
                .body("decisions[0].skuId", equalTo("http-1"))
                .body("decisions[0].quantity", equalTo(50))
                .body("decisions[0].urgency", equalTo("NORMAL"));
    }

    @Test
    void everyDecisionIsRecordedInTheDecisionLog() {
        String version = given().contentType(ContentType.JSON)
                .body("""
                        {"now": "2026-03-10T10:00:00+08:00",
                         "facts": [{"skuId": "logged-1", "onHand": 700, "avgDailySales": 10, "leadTimeDays": 3}]}""")
                .post("/api/rulesets/inventory/decisions")
                .then().statusCode(200).extract().path("version");

        given().queryParam("subject", "logged-1").queryParam("ruleSet", "inventory")
                .when().get("/api/decisions")
                .then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].type", equalTo("CLEARANCE"))
                .body("[0].version", equalTo(version))
                .body("[0].rule", containsString("bundles"))
                .body("[0].factIds[0]", equalTo("logged-1"))
                .body("[0].source", equalTo("REST"))
                .body("[0].decision.plan", equalTo("BUNDLE_GIFT"))
                .body("[0].decidedAt", notNullValue());

        given().queryParam("subject", "logged-1").queryParam("type", "RESTOCK")
                .when().get("/api/decisions")
                .then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void negativeStockIsRejectedNamingTheField() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"facts": [{"skuId": "ok", "onHand": 1, "avgDailySales": 1, "leadTimeDays": 1},
                                   {"skuId": "bad", "onHand": -1, "avgDailySales": 1, "leadTimeDays": 1}]}""")
                .when().post("/api/rulesets/inventory/decisions")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("status", equalTo(400))
                .body("field", equalTo("facts[1].onHand"));
    }

    @Test
    void restockQuantitiesBeyondTwoBillionAreAnswered() {
        // found by the fuzz test: an int quantity overflowed and the request failed with 500
        given().contentType(ContentType.JSON)
                .body("""
                        {"facts": [{"skuId": "huge", "onHand": 50, "inTransit": 5, "avgDailySales": 806088826,
                                    "leadTimeDays": 3, "presaleDeposits": 2}]}""")
                .when().post("/api/rulesets/inventory/decisions")
                .then().statusCode(200)
                .body("decisions[0].quantity", equalTo(8_060_888_208L));
    }

    @Test
    void leadTimeBeyondTenYearsIsRejected() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"facts": [{"skuId": "s", "onHand": 1, "avgDailySales": 1, "leadTimeDays": 3651}]}""")
                .when().post("/api/rulesets/inventory/decisions")
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("facts[0].leadTimeDays"));
    }

    @Test
    void negativeSalesAreRejected() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"facts": [{"skuId": "s", "onHand": 1, "avgDailySales": -0.5, "leadTimeDays": 1}]}""")
                .when().post("/api/rulesets/inventory/decisions")
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("facts[0].avgDailySales"));
    }

    @Test
    void missingIdIsRejected() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"facts": [{"onHand": 1, "avgDailySales": 1, "leadTimeDays": 1}]}""")
                .when().post("/api/rulesets/inventory/decisions")
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("facts[0].skuId"));
    }

    @Test
    void wrongTypeIsRejectedNamingTheField() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"facts": [{"skuId": "s", "onHand": "five", "avgDailySales": 1, "leadTimeDays": 1}]}""")
                .when().post("/api/rulesets/inventory/decisions")
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("facts[0].onHand"));
    }

    @Test
    void fractionalCountIsRejected() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"facts": [{"skuId": "s", "onHand": 2.5, "avgDailySales": 1, "leadTimeDays": 1}]}""")
                .when().post("/api/rulesets/inventory/decisions")
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("facts[0].onHand"));
    }

    @Test
    void unknownFieldIsRejected() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"facts": [{"skuId": "s", "onhand": 2, "avgDailySales": 1, "leadTimeDays": 1}]}""")
                .when().post("/api/rulesets/inventory/decisions")
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("facts[0].onhand"));
    }

    @Test
    void timeWithoutOffsetIsRejected() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"now": "2026-03-10T10:00:00", "facts": []}""")
                .when().post("/api/rulesets/inventory/decisions")
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("now"));
    }

    @Test
    void malformedJsonIsRejected() {
        given().contentType(ContentType.JSON)
                .body("{\"facts\": [ {\"skuId\": ")
                .when().post("/api/rulesets/inventory/decisions")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void missingFactsListIsRejected() {
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/api/rulesets/inventory/decisions")
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("facts"));
    }

    @Test
    void moreThanTenThousandFactsAreRejected() {
        StringBuilder body = new StringBuilder("{\"facts\": [");
        for (int i = 0; i <= 10_000; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"skuId\":\"s").append(i).append("\",\"onHand\":1,\"avgDailySales\":1,\"leadTimeDays\":1}");
        }
        given().contentType(ContentType.JSON).body(body.append("]}").toString())
                .when().post("/api/rulesets/inventory/decisions")
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("facts"));
    }

    @Test
    void malformedSinceIsRejectedNamingIt() {
        for (String path : new String[] {"/api/decisions", "/api/actions"}) {
            given().queryParam("since", "yesterday")
                    .when().get(path)
                    .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("since"));
        }
    }

    @Test
    void unknownRuleSetIsNotFound() {
        given().contentType(ContentType.JSON).body("{\"facts\": []}")
                .when().post("/api/rulesets/no-such-set/decisions")
                .then().statusCode(404).contentType(PROBLEM).body("field", equalTo("ruleSet"));
    }
}
