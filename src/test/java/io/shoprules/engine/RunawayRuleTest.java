package io.shoprules.engine;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rule that would run forever is stopped by the evaluation's limits: an edit whose scenarios
 * meet it is rejected while the last good version serves, a draft is reported invalid, and a
 * serving rule that meets it on some facts answers 422 naming the rule, never a hung request.
 */
@QuarkusTest
@WithTestResource(value = RuleFolderCopy.class)
@TestProfile(RunawayRuleTest.SmallerAllocationLimit.class)
class RunawayRuleTest {

    /**
     * A rule that keeps what it allocates must meet the allocation limit before the time limit; at the
     * default 1 GiB, keeping that much under a loaded machine's garbage collector took more than the
     * 5 s the time limit allows, and the time limit answered first.
     */
    public static class SmallerAllocationLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shoprules.evaluation.max-allocation", "128M");
        }
    }

    private static final Path RUNAWAY = RuleFolderCopy.RULES.resolve("inventory").resolve("runaway.drl");

    private static String refiring(String condition) {
        return """
                package io.shoprules.rules.inventory;
                import io.shoprules.inventory.Sku;
                rule "runaway: re-fires on its own fact"
                when
                    $s : Sku( %s )
                then
                    update($s);
                end
                """.formatted(condition);
    }

    @AfterEach
    void removeTheRunawayRule() throws IOException {
        Files.deleteIfExists(RUNAWAY);
        awaitInventory(status -> status.get("lastRejected") == null
                && status.getList("rules", String.class).stream().noneMatch(rule -> rule.startsWith("runaway:")));
    }

    @Test
    void anEditThatReFiresForeverIsRejectedWhileTheLastGoodVersionServes() {
        String good = awaitInventory(status -> status.get("lastRejected") == null).getString("version");

        RuleFolderCopy.write(RUNAWAY, refiring(""));

        JsonPath status = awaitInventory(s -> s.get("lastRejected") != null);
        assertEquals(good, status.getString("version"));
        String errors = status.getList("lastRejected.errors").toString();
        // which limit comes first depends on the machine's speed; either names the rule
        assertTrue(errors.contains("runaway: re-fires on its own fact")
                && (errors.contains("fired rules more than") || errors.contains("ran longer than")), errors);
        assertEquals(good, decide("any").getString("version"));

        List<Map<String, Object>> outcomes = given().when().post("/api/rulesets/reload")
                .then().statusCode(200).extract().jsonPath().getList("");
        Map<String, Object> inventory = outcomes.stream().filter(o -> "inventory".equals(o.get("ruleSet"))).findFirst()
                .orElseThrow();
        assertEquals("REJECTED", inventory.get("result"), "the rejected edit is still what is on disk");
        assertEquals(good, inventory.get("serving"));
    }

    @Test
    void aServingRuleThatReFiresOnSomeFactsAnswers422NamingTheRule() {
        RuleFolderCopy.write(RUNAWAY, refiring("skuId == \"loop\""));
        awaitInventory(status -> status.getList("rules").contains("runaway: re-fires on its own fact"));

        given().contentType(ContentType.JSON).body(request("loop"))
                .when().post("/api/rulesets/inventory/decisions")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("runaway: re-fires on its own fact"));

        decide("ordinary");
    }

    @Test
    void aServingRuleThatKeepsWhatItAllocatesOnSomeFactsAnswers422AndEveryoneElseIsServed() {
        RuleFolderCopy.write(RUNAWAY, """
                package io.shoprules.rules.inventory;
                import io.shoprules.inventory.Sku;
                rule "runaway: keeps what it allocates"
                when
                    $s : Sku( skuId == "hoard" )
                then
                    java.util.List<long[]> kept = new java.util.ArrayList<>();
                    while (kept.size() >= 0) { kept.add(new long[1024]); }
                end
                """);
        awaitInventory(status -> status.getList("rules").contains("runaway: keeps what it allocates"));

        for (int attempt = 0; attempt < 2; attempt++) {
            given().contentType(ContentType.JSON).body(request("hoard"))
                    .when().post("/api/rulesets/inventory/decisions")
                    .then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("detail", containsString("allocated more than"))
                    .body("detail", containsString("runaway: keeps what it allocates"));
            decide("ordinary");
        }
    }

    @Test
    void aDraftThatLoopsForeverIsReportedInvalidNamingTheRule() {
        String draft = """
                package io.shoprules.rules.inventory;
                import io.shoprules.inventory.Sku;
                rule "runaway: spins in its consequence"
                when
                    $s : Sku()
                then
                    long n = 0;
                    while (n >= 0) { n = (n + 1) % 1000; }
                end
                """;

        given().contentType(ContentType.JSON).body(Map.of("files", Map.of("runaway.drl", draft)))
                .when().post("/api/rulesets/inventory/validate")
                .then().statusCode(200)
                .body("valid", equalTo(false))
                .body("errors[0].message", containsString("ran longer than"))
                .body("errors[0].message", containsString("runaway: spins in its consequence"));
    }

    private static Map<String, Object> request(String skuId) {
        return Map.of("now", "2026-03-10T10:00:00+08:00",
                "facts", List.of(Map.of("skuId", skuId, "onHand", 80, "avgDailySales", 10, "leadTimeDays", 3)));
    }

    private static JsonPath decide(String skuId) {
        return given().contentType(ContentType.JSON).body(request(skuId))
                .when().post("/api/rulesets/inventory/decisions")
                .then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath awaitInventory(Predicate<JsonPath> condition) {
        return RuleFolderCopy.awaitInventory(condition);
    }
}
