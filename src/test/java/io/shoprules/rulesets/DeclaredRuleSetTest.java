package io.shoprules.rulesets;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.shoprules.StartsFromEmptyTables;
import io.shoprules.api.OpsKeyForTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A rule set whose fact and decision types its rule files declare (the fixture {@code loyalty}) is
 * served, checked, stored, scanned and described with no Java of its own.
 */
@QuarkusTest
class DeclaredRuleSetTest implements StartsFromEmptyTables {

    private static final String NOW = "2026-03-10T10:00:00+08:00";

    private static JsonPath decide(String facts) {
        return given().contentType(ContentType.JSON).body("{\"now\": \"" + NOW + "\", \"facts\": [" + facts + "]}")
                .post("/api/rulesets/loyalty/decisions").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void declaredDecisionsAnswerWithTypeSubjectRuleAndTheirFields() {
        JsonPath answer = decide("""
                {"shopperId": "decl-1", "orders": 4, "spent": 500.50, "birthday": "02-29"}""");
        assertEquals("loyalty", answer.getString("ruleSet"));
        String version = answer.getString("version");
        Map<String, Object> levelUp = answer.getMap("decisions.find { it.type == 'LEVEL_UP' }");
        assertEquals(Map.of("type", "LEVEL_UP", "subject", "decl-1", "shopperId", "decl-1", "from", "BASIC", "to", "GOLD",
                "perks", List.of("FREE_SHIPPING", "GIFT"), "rule", "loyalty: enough orders make a gold shopper"), levelUp);
        Map<String, Object> bigSpender = answer.getMap("decisions.find { it.type == 'BIG_SPENDER' }");
        assertEquals("decl-1", bigSpender.get("subject"));
        assertEquals(500.50f, ((Number) bigSpender.get("spent")).floatValue());
        assertEquals("02-29", bigSpender.get("birthday"));
        assertEquals(2, answer.getList("decisions").size(), answer::prettify);

        given().queryParam("ruleSet", "loyalty").queryParam("subject", "decl-1").get("/api/decisions")
                .then().statusCode(200)
                .body("type", hasItems("LEVEL_UP", "BIG_SPENDER"))
                .body("version", hasItem(version));
    }

    @Test
    void theShopKeyMayAskForDecisions() {
        given().header("Authorization", "Bearer " + OpsKeyForTests.SHOP_KEY).contentType(ContentType.JSON)
                .body("{\"facts\": [{\"shopperId\": \"decl-shop\", \"orders\": 9}]}")
                .post("/api/rulesets/loyalty/decisions").then().statusCode(200)
                .body("decisions[0].type", equalTo("LEVEL_UP"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no id                            | {"orders": 1}                                        | facts[0].shopperId | is required
            a null id                        | {"shopperId": null, "orders": 1}                     | facts[0].shopperId | is required
            a required count left out        | {"shopperId": "b"}                                   | facts[0].orders    | is required
            a count below its @min           | {"shopperId": "b", "orders": -1}                     | facts[0].orders    | greater than or equal to 0
            a count above its @max           | {"shopperId": "b", "orders": 100001}                 | facts[0].orders    | less than or equal to 100000
            a count as a string              | {"shopperId": "b", "orders": "5"}                    | facts[0].orders    | whole number
            a count with a fraction          | {"shopperId": "b", "orders": 2.5}                    | facts[0].orders    | whole number
            a count beyond 32 bits           | {"shopperId": "b", "orders": 9999999999}             | facts[0].orders    | whole number
            a value not in @values           | {"shopperId": "b", "orders": 1, "level": "PLATINUM"} | facts[0].level     | one of BASIC, GOLD
            an id as a number                | {"shopperId": 7, "orders": 1}                        | facts[0].shopperId | must be a string
            money below its @min             | {"shopperId": "b", "orders": 1, "spent": -0.01}      | facts[0].spent     | greater than or equal to 0
            money as a string                | {"shopperId": "b", "orders": 1, "spent": "10"}       | facts[0].spent     | must be a number
            a date that does not exist       | {"shopperId": "b", "orders": 1, "joinedOn": "2026-02-30"} | facts[0].joinedOn | YYYY-MM-DD
            a time without offset            | {"shopperId": "b", "orders": 1, "lastSeenAt": "2026-03-10T10:00:00"} | facts[0].lastSeenAt | with offset
            a time beyond 9999               | {"shopperId": "b", "orders": 1, "lastSeenAt": "+10000-01-01T00:00:00Z"} | facts[0].lastSeenAt | must lie between
            a month-day that does not exist  | {"shopperId": "b", "orders": 1, "birthday": "02-30"} | facts[0].birthday  | MM-DD
            a month-day in another format    | {"shopperId": "b", "orders": 1, "birthday": "2-3"}   | facts[0].birthday  | MM-DD
            a flag as a string               | {"shopperId": "b", "orders": 1, "optedIn": "yes"}    | facts[0].optedIn   | true or false
            an unknown field                 | {"shopperId": "b", "orders": 1, "tier": "GOLD"}      | facts[0].tier      | unknown field
            a fact that is not an object     | "b"                                                  | facts[0]           | must be an object
            """)
    void badInputIsRefusedNamingTheDeclaredField(String what, String fact, String field, String reason) {
        given().contentType(ContentType.JSON).body("{\"facts\": [" + fact + "]}")
                .post("/api/rulesets/loyalty/decisions").then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo(field))
                .body("detail", containsString(reason));
        // the same check guards stored facts, and nothing of the batch is written
        given().contentType(ContentType.JSON).body("{\"facts\": [{\"shopperId\": \"fine\", \"orders\": 1}, " + fact + "]}")
                .put("/api/facts/loyalty").then().statusCode(400)
                .body("field", equalTo(field.replace("facts[0]", "facts[1]")));
        given().get("/api/facts/loyalty/fine").then().statusCode(404);
    }

    @Test
    void theSchemaIsDerivedFromTheDeclarations() {
        JsonPath schema = given().get("/api/rulesets/loyalty/schema").then().statusCode(200).extract().jsonPath();
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.getString("'$schema'"));
        assertEquals("#/$defs/Shopper", schema.getString("properties.facts.items.'$ref'"));
        assertEquals(List.of("shopperId", "orders"), schema.getList("'$defs'.Shopper.required"));
        assertEquals("integer", schema.getString("'$defs'.Shopper.properties.orders.type"));
        assertEquals(0, schema.getInt("'$defs'.Shopper.properties.orders.minimum"));
        assertEquals(List.of("BASIC", "GOLD"), schema.getList("'$defs'.Shopper.properties.level.enum"));
        assertEquals("date", schema.getString("'$defs'.Shopper.properties.joinedOn.format"));
        assertEquals("date-time", schema.getString("'$defs'.Shopper.properties.lastSeenAt.format"));
        assertEquals(false, schema.getBoolean("'$defs'.Shopper.additionalProperties"));
        assertEquals("LEVEL_UP", schema.getString("'$defs'.LevelUp.properties.type.const"));
        assertEquals(List.of("#/$defs/BigSpender", "#/$defs/CityRush", "#/$defs/LevelUp", "#/$defs/VipWelcome"),
                schema.getList("'$defs'.decision.oneOf.'$ref'"));
    }

    @Test
    void aRuleSetTypedInJavaHasNoDeclaredSchemaAndNoGenericDecisions() {
        given().get("/api/rulesets/inventory/schema").then().statusCode(404)
                .body("detail", containsString("typed in Java"));
        given().get("/api/rulesets/nope/schema").then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"facts\": []}")
                .post("/api/rulesets/nope/decisions").then().statusCode(404).body("field", equalTo("ruleSet"));
    }

    @Test
    void storedFactsAreScannedAndEachActionIsCreatedExactlyOnce() {
        String facts = """
                {"facts": [
                  {"shopperId": "job-gold", "orders": 5},
                  {"shopperId": "job-r1", "orders": 0, "city": "Rushton", "joinedOn": "2026-03-01"},
                  {"shopperId": "job-r2", "orders": 0, "city": "Rushton", "joinedOn": "2026-03-01"},
                  {"shopperId": "job-r3", "orders": 0, "city": "Rushton", "joinedOn": "2026-03-01"},
                  {"shopperId": "job-vip", "orders": 0, "city": "Testville", "optedIn": true}
                ]}""";
        given().contentType(ContentType.JSON).body(facts).put("/api/facts/loyalty").then().statusCode(200)
                .body("created", equalTo(5));
        given().contentType(ContentType.JSON).body(facts).put("/api/facts/loyalty").then().statusCode(200)
                .body("unchanged", equalTo(5));
        given().get("/api/facts/loyalty/job-gold").then().statusCode(200)
                .body("fact.level", equalTo("BASIC"));

        given().post("/api/jobs/loyalty/run").then().statusCode(200)
                .body("status", equalTo("SUCCEEDED")).body("factsRead", equalTo(5)).body("actionsCreated", equalTo(3));
        given().post("/api/jobs/loyalty/run").then().statusCode(200)
                .body("decisions", equalTo(3)).body("actionsCreated", equalTo(0));

        given().queryParam("type", "LEVEL_UP").get("/api/actions").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].idempotencyKey", equalTo("LEVEL_UP:job-gold:GOLD"))
                .body("[0].decision.to", equalTo("GOLD"));
        // the three shoppers of one city were read together, in one group
        given().queryParam("type", "CITY_RUSH").get("/api/actions").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].idempotencyKey", equalTo("CITY_RUSH:Rushton:2026-03-01"))
                .body("[0].decision.shoppers", equalTo(3));
        // @key("shopperId"), without today: once per shopper, ever
        given().queryParam("type", "VIP_WELCOME").get("/api/actions").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].idempotencyKey", equalTo("VIP_WELCOME:job-vip"));
    }

    @Test
    void aRequestIsJudgedWithTheStoredFactsOfItsGroupAndAnswersOnlyAboutItsOwn() {
        given().contentType(ContentType.JSON).body("""
                {"facts": [
                  {"shopperId": "hist-1", "orders": 9, "city": "Histon", "joinedOn": "2026-03-01"},
                  {"shopperId": "hist-2", "orders": 0, "city": "Histon", "joinedOn": "2026-03-01"},
                  {"shopperId": "hist-3", "orders": 9, "city": "Elsewhere", "joinedOn": "2026-03-01"}
                ]}""").put("/api/facts/loyalty").then().statusCode(200);

        // two stored shoppers of Histon and the one asked about make three: a rush in Histon
        JsonPath answer = decide("""
                {"shopperId": "hist-new", "orders": 0, "city": "Histon", "joinedOn": "2026-03-01"}""");
        assertEquals(List.of("CITY_RUSH"), answer.getList("decisions.type"), answer::prettify);
        assertEquals("Histon", answer.getString("decisions[0].subject"));
        assertEquals(3, answer.getInt("decisions[0].shoppers"));
        // the stored gold-worthy shopper of Histon was context, not asked about: no LEVEL_UP for hist-1

        // the request's own fact wins over the stored one with its id: hist-2 moved away, Histon has two
        JsonPath moved = decide("""
                {"shopperId": "hist-2", "orders": 0, "city": "Histon", "joinedOn": "2026-03-02"},
                {"shopperId": "hist-new", "orders": 0, "city": "Histon", "joinedOn": "2026-03-01"}""");
        assertEquals(List.of(), moved.getList("decisions"), moved::prettify);
    }

    @Test
    void aPreviewReadsTheFactsWithTheDraftsOwnDeclarations() throws Exception {
        given().contentType(ContentType.JSON).body("""
                {"facts": [{"shopperId": "prev-5", "orders": 5}, {"shopperId": "prev-9", "orders": 9}]}""")
                .put("/api/facts/loyalty").then().statusCode(200);
        String rules = Files.readString(Path.of("src/test/resources/fixtures/rules/loyalty/loyalty.drl"));
        String draft = rules.replace("ordersForGold : int = 4", "ordersForGold : int = 6");
        String id = given().contentType(ContentType.JSON).body(Map.of("files", Map.of("loyalty.drl", draft), "days", 1))
                .post("/api/rulesets/loyalty/preview").then().statusCode(202).extract().path("id");
        JsonPath done = null;
        for (int i = 0; i < 600; i++) {
            done = given().get("/api/previews/" + id).then().statusCode(200).extract().jsonPath();
            if (!"RUNNING".equals(done.getString("status"))) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals("DONE", done.getString("status"), done.prettify());
        // a draft of a declared rule set has classes of its own: read with the serving version's, its rules would match nothing
        List<String> removed = done.getList("examples.findAll { it.type == 'LEVEL_UP' && it.change == 'removed' }.subject");
        assertEquals(true, removed.contains("prev-5"), done.prettify());
        assertEquals(false, removed.contains("prev-9"), done.prettify());
    }
}
