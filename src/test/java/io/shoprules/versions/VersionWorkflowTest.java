package io.shoprules.versions;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.shoprules.engine.RuleFolderCopy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Operations change a rule set through the API: activate a draft made from the serving version,
 * see who changed what, diff it, and roll it back to the exact bytes of before.
 */
@QuarkusTest
@WithTestResource(value = RuleFolderCopy.class)
class VersionWorkflowTest {

    private static final Path RESTOCK = RuleFolderCopy.RULES.resolve("inventory").resolve("restock.drl");
    private static String original;
    private static String longerTarget;

    @BeforeEach
    void startFromTheFixtureRules() throws Exception {
        RuleFolderCopy.reset();
        if (original == null) {
            original = Files.readString(RESTOCK);
        }
        String target = original.replaceFirst("(?s).*coverTargetDays : int = (\\d+).*", "$1");
        longerTarget = original.replace("coverTargetDays : int = " + target,
                "coverTargetDays : int = " + (Integer.parseInt(target) + 3));
        assertTrue(!longerTarget.equals(original), "the fixture declares coverTargetDays");
        awaitInventory(s -> s.get("lastRejected") == null && versionOnDisk().equals(s.getString("version")));
    }

    @AfterEach
    void putTheFixtureBack() {
        RuleFolderCopy.reset();
    }

    @Test
    void anActivatedDraftIsWrittenServedAndRecordedWithItsAuthor() throws Exception {
        String base = serving();

        JsonPath report = activate(base, Map.of("restock.drl", longerTarget)).then().statusCode(200)
                .body("valid", equalTo(true)).extract().jsonPath();

        assertEquals(longerTarget, Files.readString(RESTOCK));
        assertEquals(report.getString("version"), serving());
        JsonPath versions = given().when().get("/api/rulesets/inventory/versions").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(report.getString("version"), versions.getString("[0].version"));
        assertEquals("API", versions.getString("[0].source"));
        assertEquals("test-ops", versions.getString("[0].author"));
        assertEquals(List.of(Map.of("file", "restock.drl", "change", "MODIFIED")), versions.getList("[0].changes"));
        assertTrue(versions.getInt("[0].scenarios.passed") > 0, versions::prettify);

        String diff = given().when().get("/api/rulesets/inventory/versions/" + report.getString("version") + "/diff")
                .then().statusCode(200).extract().asString();
        String removed = original.lines().filter(l -> l.contains("coverTargetDays : int")).findFirst().orElseThrow();
        String added = longerTarget.lines().filter(l -> l.contains("coverTargetDays : int")).findFirst().orElseThrow();
        assertTrue(diff.contains("\n-" + removed + "\n") && diff.contains("\n+" + added + "\n"), diff);
        assertTrue(diff.startsWith("--- " + base + "/restock.drl\n+++ " + report.getString("version") + "/restock.drl"), diff);
    }

    @Test
    void aDraftFromAStaleVersionIsRefusedAndNothingIsWritten() throws Exception {
        activate("0123456789ab", Map.of("restock.drl", longerTarget)).then().statusCode(409)
                .contentType("application/problem+json")
                .body("field", equalTo("baseVersion"));

        assertEquals(original, Files.readString(RESTOCK));
    }

    @Test
    void aDraftThatFailsItsChecksIsRefusedWithItsErrorsAndNothingIsWritten() throws Exception {
        String broken = original + "\nrule \"broken: no end\" when then\n";

        activate(serving(), Map.of("restock.drl", broken)).then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].file", equalTo("restock.drl"));

        assertEquals(original, Files.readString(RESTOCK));
    }

    @Test
    void rollbackPutsBackTheExactBytesOfAnEarlierVersion() throws Exception {
        String before = serving();
        byte[] originalBytes = Files.readAllBytes(RESTOCK);
        activate(before, Map.of("restock.drl", longerTarget)).then().statusCode(200);

        JsonPath rolledBack = given().contentType(ContentType.JSON).body(Map.of("version", before))
                .when().post("/api/rulesets/inventory/rollback")
                .then().statusCode(200).extract().jsonPath();

        assertEquals(before, rolledBack.getString("version"));
        assertArrayEquals(originalBytes, Files.readAllBytes(RESTOCK));
        assertEquals(before, serving());
        JsonPath newest = given().when().get("/api/rulesets/inventory/versions?limit=1").then().statusCode(200)
                .extract().jsonPath();
        assertEquals("ROLLBACK", newest.getString("[0].source"));
        assertEquals(before, newest.getString("[0].version"));
    }

    @Test
    void aVersionNeverServedIsNotFound() {
        given().contentType(ContentType.JSON).body(Map.of("version", "0123456789ab"))
                .when().post("/api/rulesets/inventory/rollback")
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get("/api/rulesets/inventory/versions/0123456789ab").then().statusCode(404);
    }

    @Test
    void everyRuleSaysHowManyScenariosFireIt() {
        JsonPath inventory = awaitInventory(s -> s.get("coverage") != null);
        List<Map<String, Object>> coverage = inventory.getList("coverage");
        assertEquals(inventory.getList("rules").size(), coverage.size(), inventory::prettify);
        List<String> uncovered = inventory.getList("uncoveredRules");
        for (Map<String, Object> rule : coverage) {
            assertEquals(((Number) rule.get("scenarios")).intValue() == 0, uncovered.contains(rule.get("rule")),
                    inventory::prettify);
        }
        assertTrue(coverage.stream().anyMatch(rule -> ((Number) rule.get("scenarios")).intValue() > 0), inventory::prettify);
    }

    @Test
    void aPolicyEditThatBreaksAScenarioGoesLiveWithTheNewExpectationItsAuthorAccepted() throws Exception {
        Path pinned = RuleFolderCopy.SCENARIOS.resolve("inventory").resolve("pinned.yaml");
        Path stable = RuleFolderCopy.SCENARIOS.resolve("inventory").resolve("stable.yaml");
        int quantityBefore = restockQuantity();
        given().contentType(ContentType.JSON)
                .body(Map.of("baseVersion", serving(), "scenarios", Map.of("pinned.yaml", pinnedScenario(quantityBefore))))
                .when().post("/api/rulesets/inventory/activate").then().statusCode(200);
        String pinnedBefore = Files.readString(pinned);
        String stableBefore = Files.readString(stable);
        String base = serving();
        List<Map<String, String>> added = given().when().get("/api/rulesets/inventory/versions?limit=1").then()
                .statusCode(200).extract().jsonPath().getList("[0].scenarioChanges");
        // the activation before may be another test class's, with scenarios of its own
        assertTrue(added.contains(Map.of("file", "pinned.yaml", "change", "ADDED")), added::toString);

        activate(base, Map.of("restock.drl", longerTarget)).then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.file", org.hamcrest.Matchers.hasItem("scenarios/inventory/pinned.yaml"));
        assertEquals(original, Files.readString(RESTOCK), "refused: nothing written");
        assertEquals(pinnedBefore, Files.readString(pinned));

        JsonPath checked = given().contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("restock.drl", longerTarget), "accept", List.of("pinned.yaml")))
                .when().post("/api/rulesets/inventory/validate").then().statusCode(200).extract().jsonPath();
        assertTrue(checked.getBoolean("valid"), checked::prettify);
        assertEquals("pinned.yaml", checked.getString("accepted[0].file"));
        assertTrue(checked.getString("accepted[0].diff").contains("quantity"), checked::prettify);
        assertEquals(pinnedBefore, Files.readString(pinned), "validate writes nothing");

        JsonPath report = given().contentType(ContentType.JSON)
                .body(Map.of("baseVersion", base, "files", Map.of("restock.drl", longerTarget),
                        "accept", List.of("pinned.yaml", "stable.yaml")))
                .when().post("/api/rulesets/inventory/activate").then().statusCode(200).extract().jsonPath();
        assertEquals(report.getString("version"), serving());
        assertEquals(longerTarget, Files.readString(RESTOCK));
        int decidedNow = restockQuantity();
        assertTrue(java.util.regex.Pattern.compile("quantity: " + decidedNow + "\\b").matcher(Files.readString(pinned)).find(),
                Files.readString(pinned));
        assertTrue(decidedNow != quantityBefore, "the longer cover target restocks more");
        assertEquals(stableBefore, Files.readString(stable), "an accepted scenario that passed stays as written");

        JsonPath versions = given().when().get("/api/rulesets/inventory/versions?limit=1").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of(Map.of("file", "restock.drl", "change", "MODIFIED")), versions.getList("[0].changes"));
        assertEquals(List.of(Map.of("file", "pinned.yaml", "change", "MODIFIED")), versions.getList("[0].scenarioChanges"));

        // back to the earlier rules: refused while the scenario expects the longer target, put back once accepted
        given().contentType(ContentType.JSON).body(Map.of("version", base))
                .when().post("/api/rulesets/inventory/rollback").then().statusCode(422);
        assertEquals(report.getString("version"), serving());
        given().contentType(ContentType.JSON).body(Map.of("version", base, "accept", List.of("pinned.yaml")))
                .when().post("/api/rulesets/inventory/rollback").then().statusCode(200)
                .body("accepted[0].file", equalTo("pinned.yaml"));
        assertEquals(base, serving());
        assertEquals(original, Files.readString(RESTOCK));
        assertEquals(quantityBefore, restockQuantity());
        assertTrue(java.util.regex.Pattern.compile("quantity: " + quantityBefore + "\\b").matcher(Files.readString(pinned)).find(),
                Files.readString(pinned));
    }

    @Test
    void acceptNamingWhatIsNotAScenarioIsRefusedNamingTheEntry() throws Exception {
        for (String notAScenario : List.of("restock.drl", "no-such.yaml", "../cart/x.yaml")) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("baseVersion", serving(), "files", Map.of("restock.drl", longerTarget),
                            "accept", List.of("stable.yaml", notAScenario)))
                    .when().post("/api/rulesets/inventory/activate").then().statusCode(400)
                    .contentType("application/problem+json").body("field", equalTo("accept[1]"));
            given().contentType(ContentType.JSON)
                    .body(Map.of("files", Map.of("restock.drl", longerTarget), "accept", List.of(notAScenario)))
                    .when().post("/api/rulesets/inventory/validate").then().statusCode(400)
                    .contentType("application/problem+json").body("field", equalTo("accept[0]"));
        }
        assertEquals(original, Files.readString(RESTOCK));
    }

    /** The RESTOCK quantity the serving rules decide for the pinned SKU. */
    private static int restockQuantity() {
        return given().contentType(ContentType.JSON)
                .body(Map.of("now", "2026-03-10T10:00:00+08:00", "facts", List.of(Map.of("skuId", "pinned",
                        "onHand", 50, "avgDailySales", 10, "leadTimeDays", 3))))
                .when().post("/api/rulesets/inventory/decisions").then().statusCode(200)
                .extract().jsonPath().getInt("decisions.find { it.type == 'RESTOCK' }.quantity");
    }

    private static String pinnedScenario(int quantity) {
        return """
                now: "2026-03-10T10:00:00+08:00"
                facts:
                  - {skuId: pinned, onHand: 50, avgDailySales: 10, leadTimeDays: 3}
                expect:
                  - {type: RESTOCK, subject: pinned, quantity: %d}
                """.formatted(quantity);
    }

    private static io.restassured.response.Response activate(String base, Map<String, String> files) {
        return given().contentType(ContentType.JSON).body(Map.of("baseVersion", base, "files", files))
                .when().post("/api/rulesets/inventory/activate");
    }

    private static String versionOnDisk() {
        return io.shoprules.engine.RuleSetSource.read("inventory", RuleFolderCopy.RULES.resolve("inventory")).version();
    }

    private static String serving() {
        return awaitInventory(s -> s.getString("version") != null).getString("version");
    }

    private static JsonPath awaitInventory(Predicate<JsonPath> condition) {
        return RuleFolderCopy.awaitInventory(condition);
    }
}
