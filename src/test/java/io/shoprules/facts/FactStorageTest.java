package io.shoprules.facts;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.shoprules.StartsFromEmptyTables;
import io.shoprules.jobs.StoredInventory;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class FactStorageTest implements StartsFromEmptyTables {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    FactStore store;

    @Test
    void factsAreStoredByIdAndTheSameBatchTwiceChangesNothing() {
        String body = """
                {"facts": [{"skuId": "f-1", "onHand": 5, "avgDailySales": 10, "leadTimeDays": 3},
                           {"skuId": "f-2", "title": "长袖T恤", "onHand": 700, "avgDailySales": 2.5, "leadTimeDays": 3,
                            "listedOn": "2025-01-01"}]}""";
        given().contentType(ContentType.JSON).body(body)
                .when().put("/api/facts/inventory")
                .then().statusCode(200)
                .body("ruleSet", equalTo("inventory"))
                .body("received", equalTo(2)).body("created", equalTo(2)).body("updated", equalTo(0));
        String hash = given().get("/api/facts/inventory/f-2").then().statusCode(200)
                .body("fact.title", equalTo("长袖T恤"))
                .body("fact.avgDailySales", equalTo(2.5f))
                .body("fact.inTransit", equalTo(0))
                .extract().path("contentHash");

        given().contentType(ContentType.JSON).body(body)
                .when().put("/api/facts/inventory")
                .then().statusCode(200).body("created", equalTo(0)).body("updated", equalTo(0)).body("unchanged", equalTo(2));
        given().get("/api/facts/inventory/f-2").then().body("contentHash", equalTo(hash));

        given().contentType(ContentType.JSON)
                .body("""
                        {"facts": [{"skuId": "f-2", "onHand": 600, "avgDailySales": 2.5, "leadTimeDays": 3},
                                   {"skuId": "f-3", "onHand": 1, "avgDailySales": 1, "leadTimeDays": 1}]}""")
                .when().put("/api/facts/inventory")
                .then().statusCode(200).body("created", equalTo(1)).body("updated", equalTo(1)).body("unchanged", equalTo(0));
        given().get("/api/facts/inventory/f-2").then().body("fact.onHand", equalTo(600)).body("fact.title", equalTo(null));
        assertEquals(3, store.count("inventory"));
    }

    @Test
    void oneInvalidFactStoresNothingOfTheBatch() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"facts": [{"skuId": "ok-1", "onHand": 5, "avgDailySales": 10, "leadTimeDays": 3},
                                   {"skuId": "ok-2", "onHand": 5, "avgDailySales": 10, "leadTimeDays": 3},
                                   {"skuId": "bad", "onHand": -1, "avgDailySales": 10, "leadTimeDays": 3}]}""")
                .when().put("/api/facts/inventory")
                .then().statusCode(400).contentType(PROBLEM)
                .body("field", equalTo("facts[2].onHand"));
        assertEquals(0, store.count("inventory"));
        given().get("/api/facts/inventory/ok-1").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void aRepeatedIdInOneBatchIsRejected() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"facts": [{"skuId": "dup", "onHand": 5, "avgDailySales": 10, "leadTimeDays": 3},
                                   {"skuId": "other", "onHand": 5, "avgDailySales": 10, "leadTimeDays": 3},
                                   {"skuId": "dup", "onHand": 6, "avgDailySales": 10, "leadTimeDays": 3}]}""")
                .when().put("/api/facts/inventory")
                .then().statusCode(400).contentType(PROBLEM)
                .body("field", equalTo("facts[2]"))
                .body("detail", containsString("facts[0]"));
        assertEquals(0, store.count("inventory"));
    }

    @Test
    void factsForAnUnknownRuleSetAreRejected() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"facts": [{"id": "x"}]}""")
                .when().put("/api/facts/no-such-rules")
                .then().statusCode(404).contentType(PROBLEM).body("field", equalTo("ruleSet"));
    }

    @Test
    void malformedOrMissingFactsAreRejected() {
        given().contentType(ContentType.JSON).body("{}")
                .when().put("/api/facts/inventory")
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("facts"));
        given().contentType(ContentType.JSON).body("{\"facts\": [null]}")
                .when().put("/api/facts/inventory")
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("facts[0]"));
        given().contentType(ContentType.JSON).body("{\"facts\": [{\"skuId\": \"s\", \"onHand\": \"many\"}]}")
                .when().put("/api/facts/inventory")
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("facts[0].onHand"));
    }

    @Test
    void aStoredFactCanBeDeleted() {
        given().contentType(ContentType.JSON).body(StoredInventory.body("del", 0, 2))
                .when().put("/api/facts/inventory").then().statusCode(200);
        given().delete("/api/facts/inventory/del-0000001").then().statusCode(204);
        given().delete("/api/facts/inventory/del-0000001").then().statusCode(404).contentType(PROBLEM);
        assertEquals(1, store.count("inventory"));
    }

    @Test
    void aLargeFactSurvivesTheRoundTrip() {
        String title = "长".repeat(500);
        given().contentType(ContentType.JSON)
                .body("{\"facts\": [{\"skuId\": \"long\", \"title\": \"" + title + "\", \"onHand\": 1, \"avgDailySales\": 1, \"leadTimeDays\": 1}]}")
                .when().put("/api/facts/inventory").then().statusCode(200);
        given().get("/api/facts/inventory/long").then().statusCode(200).body("fact.title", equalTo(title));
    }

    @Test
    void theStoreHoldsFactsOfNearlyAMillionCharacters() {
        String text = "长x".repeat(450_000);
        String payload = "{\"skuId\":\"huge\",\"title\":\"" + text + "\"}";
        store.upsert("inventory", java.util.List.of(new FactStore.PreparedFact("huge", payload, FactStore.hashOf(payload), null)));
        assertEquals(text, store.find("inventory", "huge").orElseThrow().fact().get("title").asText());
    }
}
