package io.shoprules.engine;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Operations edit rule files while the service runs. */
@QuarkusTest
@WithTestResource(value = RuleFolderCopy.class)
class RuleSetReloadTest {

    private static final Path RESTOCK = RuleFolderCopy.RULES.resolve("inventory").resolve("restock.drl");
    /** A data file of the actions feature, checked with the rules through the engine's file checks. */
    private static final Path ACTIONS = RuleFolderCopy.RULES.resolve("inventory").resolve("actions.yaml");
    private static final Path SCENARIOS = RuleFolderCopy.SCENARIOS.resolve("inventory");
    private static final String FIXTURE_RESTOCK = RuleFolderCopy.read(RuleFolderCopy.FIXTURE_RULES.resolve("inventory").resolve("restock.drl"));
    private static final String TEN_DAY_RESTOCK = tenDayTarget(FIXTURE_RESTOCK);
    /** 80 units at 10 a day: enough for a 7-day target, short of a 10-day one. */
    private static final String EIGHT_DAYS_OF_STOCK = """
            {"now": "2026-03-10T10:00:00+08:00",
             "facts": [{"skuId": "edited", "onHand": 80, "avgDailySales": 10, "leadTimeDays": 3}]}""";

    @BeforeEach
    void startFromTheFixtureRules() throws IOException {
        try (var files = Files.list(SCENARIOS)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        RuleFolderCopy.write(SCENARIOS.resolve("stable.yaml"), RuleFolderCopy.STABLE_SCENARIO);
        RuleFolderCopy.write(RESTOCK, FIXTURE_RESTOCK);
        Files.deleteIfExists(ACTIONS);
        String fixture = RuleSetSource.read("inventory", RuleFolderCopy.RULES.resolve("inventory")).version();
        awaitStatus(status -> fixture.equals(status.getString("version")) && status.get("lastRejected") == null);
    }

    @Test
    void editedPolicyChangesDecisionsWithinSeconds() {
        String before = decide().getString("version");
        assertEquals(0, decide().getList("decisions").size());

        RuleFolderCopy.write(RESTOCK, TEN_DAY_RESTOCK);
        awaitStatus(status -> !before.equals(status.getString("version")));

        JsonPath after = decide();
        assertNotEquals(before, after.getString("version"));
        assertEquals("RESTOCK", after.getString("decisions[0].type"));
        assertEquals(50, after.getInt("decisions[0].quantity"));
    }

    @Test
    void brokenEditKeepsServingLastGoodVersion() {
        String good = decide().getString("version");

        String brokenLine = "    $broken : StockPosition( available < )";
        String broken = FIXTURE_RESTOCK.replace("rule \"restock: presale orders need more than the stock\"\nwhen",
                "rule \"restock: presale orders need more than the stock\"\nwhen\n" + brokenLine);
        RuleFolderCopy.write(RESTOCK, broken);
        JsonPath status = awaitStatus(s -> s.get("lastRejected") != null);

        List<String> lines = broken.lines().toList();
        assertEquals(good, status.getString("version"));
        assertEquals("restock.drl", status.getString("lastRejected.errors[0].file"));
        assertEquals(lines.indexOf(brokenLine) + 1, status.getInt("lastRejected.errors[0].line"), status::prettify);
        assertEquals(brokenLine.indexOf(')') + 1, status.getInt("lastRejected.errors[0].column"), status::prettify);
        assertEquals(good, decide().getString("version"));
    }

    @Test
    void aBrokenDataFileOfAFeatureIsRejectedAtItsLineAndTheLastGoodVersionKeepsServing() {
        String good = decide().getString("version");

        RuleFolderCopy.write(ACTIONS, "RESTOCK:\n  once: EPISODE\nCLEARANCE:\n  once: FORTNIGHTLY\n");
        JsonPath status = awaitStatus(s -> s.get("lastRejected") != null);

        assertEquals(good, status.getString("version"));
        assertEquals("actions.yaml", status.getString("lastRejected.errors[0].file"), status::prettify);
        assertEquals(4, status.getInt("lastRejected.errors[0].line"), status::prettify);
        assertEquals(good, decide().getString("version"));

        RuleFolderCopy.write(ACTIONS, "RESTOCK:\n  once: EPISODE\nCLEARANCE:\n  once: DAY\n");
        JsonPath fixed = awaitStatus(s -> !good.equals(s.getString("version")) && s.get("lastRejected") == null);
        assertNotEquals(good, fixed.getString("version"));
    }

    @Test
    void unknownFactTypeIsRejected() {
        String good = decide().getString("version");
        RuleFolderCopy.write(RESTOCK, FIXTURE_RESTOCK.replace("import io.shoprules.inventory.Urgency;",
                "import io.shoprules.inventory.Urgency;\nimport io.shoprules.inventory.NoSuchFact;"));

        JsonPath status = awaitStatus(s -> s.get("lastRejected") != null);
        List<Map<String, Object>> errors = status.getList("lastRejected.errors");
        assertTrue(errors.stream().anyMatch(e -> "restock.drl".equals(e.get("file"))
                && String.valueOf(e.get("message")).contains("NoSuchFact")), errors::toString);
        assertEquals(good, decide().getString("version"));
    }

    @Test
    void policyEditThatBreaksAScenarioIsRejectedUntilTheScenarioAgrees() {
        String good = decide().getString("version");
        RuleFolderCopy.write(SCENARIOS.resolve("eight-days-is-enough.yaml"), """
                now: "2026-03-10T10:00:00+08:00"
                facts:
                  - {skuId: edited, onHand: 80, avgDailySales: 10, leadTimeDays: 3}
                expectNone: [RESTOCK]
                """);
        awaitStatus(s -> s.getList("scenarios").size() == 2);

        RuleFolderCopy.write(RESTOCK, TEN_DAY_RESTOCK);
        JsonPath rejected = awaitStatus(s -> s.get("lastRejected") != null);
        assertEquals(good, rejected.getString("version"));
        assertEquals("scenarios/inventory/eight-days-is-enough.yaml", rejected.getString("lastRejected.errors[0].file"));
        assertEquals(good, decide().getString("version"));

        RuleFolderCopy.write(SCENARIOS.resolve("eight-days-is-enough.yaml"), """
                # With a 10-day target, 8 days of stock calls for a restock.
                now: "2026-03-10T10:00:00+08:00"
                facts:
                  - {skuId: edited, onHand: 80, avgDailySales: 10, leadTimeDays: 3}
                expect:
                  - {type: RESTOCK, quantity: 50}
                """);
        JsonPath activated = awaitStatus(s -> !good.equals(s.getString("version")));
        assertNull(activated.get("lastRejected"));
        assertEquals(50, decide().getInt("decisions[0].quantity"));
    }

    @Test
    void scenarioEditAloneIsCheckedToo() {
        RuleFolderCopy.write(SCENARIOS.resolve("wrong.yaml"), """
                now: "2026-03-10T10:00:00+08:00"
                facts:
                  - {skuId: w, onHand: 0, avgDailySales: 1, leadTimeDays: 1}
                expect:
                  - {type: RESTOCK, quantity: 999}
                """);
        JsonPath status = awaitStatus(s -> s.get("lastRejected") != null);
        assertEquals("scenarios/inventory/wrong.yaml", status.getString("lastRejected.errors[0].file"));
        assertTrue(status.getString("lastRejected.errors[0].message").contains("999"));
    }

    @Test
    void reloadEndpointReportsWhatItDid() {
        RuleFolderCopy.write(RESTOCK, TEN_DAY_RESTOCK);
        List<Map<String, Object>> outcomes = given().when().post("/api/rulesets/reload")
                .then().statusCode(200).extract().jsonPath().getList("");
        // The watcher may have been quicker; either way the edit is serving now.
        Object result = outcomes.stream().filter(o -> "inventory".equals(o.get("ruleSet"))).findFirst()
                .orElseThrow().get("result");
        assertTrue(List.of("ACTIVATED", "UNCHANGED").contains(result), String.valueOf(result));
        assertEquals("RESTOCK", decide().getString("decisions[0].type"));
    }

    @Test
    void validateChecksADraftWithoutActivatingIt() {
        String serving = decide().getString("version");

        given().contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("restock.drl", TEN_DAY_RESTOCK)))
                .when().post("/api/rulesets/inventory/validate")
                .then().statusCode(200)
                .body("valid", equalTo(true))
                .body("rules", hasItem("restock: stock covers fewer days than the cover target"))
                .body("scenarios[0].file", equalTo("stable.yaml"))
                .body("scenarios[0].passed", equalTo(true));

        given().contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("restock.drl", "rule \"half\" when then"),
                        "scenarios", Map.of("new.yaml", "now: 2026-03-10T10:00:00+08:00\nfacts: []\n")))
                .when().post("/api/rulesets/inventory/validate")
                .then().statusCode(200)
                .body("valid", equalTo(false))
                .body("errors[0].file", equalTo("restock.drl"))
                .body("errors[0].line", notNullValue());

        given().contentType(ContentType.JSON)
                .body(Map.of("files", Map.of(), "scenarios", Map.of("contradicts.yaml", """
                        now: "2026-03-10T10:00:00+08:00"
                        facts: [{skuId: c, onHand: 80, avgDailySales: 10, leadTimeDays: 3}]
                        expect: [{type: RESTOCK}]
                        """)))
                .when().post("/api/rulesets/inventory/validate")
                .then().statusCode(200)
                .body("valid", equalTo(false))
                .body("errors[0].file", equalTo("scenarios/inventory/contradicts.yaml"));

        assertEquals(serving, decide().getString("version"));
        given().when().get("/api/rulesets").then().body("find { it.name == 'inventory' }.lastRejected", nullValue());
    }

    @Test
    void validateAcceptsUploadedFiles() {
        given().multiPart("files", "restock.drl", TEN_DAY_RESTOCK.getBytes(), "text/plain")
                .multiPart("files", "ten-days.yaml", """
                        now: "2026-03-10T10:00:00+08:00"
                        facts: [{skuId: t, onHand: 80, avgDailySales: 10, leadTimeDays: 3}]
                        expect: [{type: RESTOCK, quantity: 50}]
                        """.getBytes(), "application/yaml")
                .when().post("/api/rulesets/inventory/validate")
                .then().statusCode(200)
                .body("valid", equalTo(true))
                .body("scenarios.file", hasItem("ten-days.yaml"));
    }

    @Test
    void draftFileNamesCannotLeaveTheRuleSetFolder() {
        given().contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("../../etc/passwd", "x")))
                .when().post("/api/rulesets/inventory/validate")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", containsString("files["));
    }

    @Test
    void validatingAnUnknownRuleSetIsNotFound() {
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/api/rulesets/nope/validate")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void requestsDuringReloadsNeverSeeAHalfSwappedRuleSet() throws Exception {
        String sevenDays = decide().getString("version");
        RuleFolderCopy.write(RESTOCK, TEN_DAY_RESTOCK);
        String tenDays = awaitStatus(s -> !sevenDays.equals(s.getString("version"))).getString("version");

        AtomicBoolean editing = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int client = 0; client < 4; client++) {
                results.add(clients.submit(() -> {
                    int answered = 0;
                    while (editing.get() && answered < 5_000) {
                        JsonPath answer = decide();
                        String version = answer.getString("version");
                        int decisions = answer.getList("decisions").size();
                        if (version.equals(sevenDays)) {
                            assertEquals(0, decisions, "7-day version must not restock 8 days of stock");
                        } else if (version.equals(tenDays)) {
                            assertEquals(1, decisions, "10-day version must restock 8 days of stock");
                        } else {
                            fail("unexpected version " + version);
                        }
                        answered++;
                    }
                    return answered;
                }));
            }
            for (int swap = 0; swap < 10; swap++) {
                RuleFolderCopy.write(RESTOCK, swap % 2 == 0 ? FIXTURE_RESTOCK : TEN_DAY_RESTOCK);
                given().post("/api/rulesets/reload").then().statusCode(200);
            }
            editing.set(false);
            int answered = 0;
            for (Future<Integer> result : results) {
                answered += result.get();
            }
            assertTrue(answered > 0);
        } finally {
            editing.set(false);
            clients.shutdownNow();
        }
    }

    /** The fixture's 7-day cover target made 10; fails loudly if the fixture no longer reads that way. */
    private static String tenDayTarget(String sevenDayRestock) {
        String edited = sevenDayRestock.replace("coverTargetDays : int = 7", "coverTargetDays : int = 10");
        if (edited.equals(sevenDayRestock)) {
            throw new IllegalStateException("the fixture restock.drl no longer declares a 7-day cover target");
        }
        return edited;
    }

    private static JsonPath decide() {
        return given().contentType(ContentType.JSON).body(EIGHT_DAYS_OF_STOCK)
                .when().post("/api/rulesets/inventory/decisions")
                .then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath awaitStatus(Predicate<JsonPath> condition) {
        return RuleFolderCopy.awaitInventory(condition);
    }
}
