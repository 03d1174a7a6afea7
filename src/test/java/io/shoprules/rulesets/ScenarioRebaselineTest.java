package io.shoprules.rulesets;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.shoprules.api.OpsKeyForTests;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Re-baselining scenarios after an intended policy change, over HTTP on the fixture inventory rules:
 * a draft that doubles the cover target breaks the restock scenarios; validate offers each the
 * draft's decisions, and the rebaseline endpoint answers files that pass against the draft.
 */
@QuarkusTest
class ScenarioRebaselineTest {

    private static final Path RULES = Path.of("src/test/resources/fixtures/rules/inventory");
    private static final Path SCENARIOS = Path.of("src/test/resources/fixtures/scenarios/inventory");
    private static final Pattern COVER_TARGET = Pattern.compile("coverTargetDays\\s*:\\s*int\\s*=\\s*(\\d+)");

    private static Map<String, String> longerCoverTarget() throws IOException {
        String restock = Files.readString(RULES.resolve("restock.drl"));
        Matcher matcher = COVER_TARGET.matcher(restock);
        assertTrue(matcher.find(), "restock.drl declares coverTargetDays");
        int doubled = Integer.parseInt(matcher.group(1)) * 2;
        return Map.of("restock.drl", matcher.replaceFirst("coverTargetDays : int = " + doubled));
    }

    @Test
    void validateOffersEachFailingScenarioTheDraftsDecisionsWithADiff() throws IOException {
        JsonPath report = validate(longerCoverTarget(), Map.of());

        assertFalse(report.getBoolean("valid"));
        List<String> failing = failing(report);
        assertFalse(failing.isEmpty(), "a longer cover target breaks the restock scenarios");
        List<Map<String, Object>> offers = report.getList("rebaseline");
        assertEquals(failing, offers.stream().map(offer -> (String) offer.get("file")).toList(),
                "one offer per failing scenario, in the order of the results");
        for (Map<String, Object> offer : offers) {
            String file = (String) offer.get("file");
            assertEquals("PROPOSED", offer.get("status"), file);
            assertEquals(true, offer.get("passesWithDraft"), file + ": " + offer);
            assertTrue(((String) offer.get("expect")).startsWith("expect:"), file);
            assertTrue(((String) offer.get("diff")).startsWith("--- a/" + file + "\n+++ b/" + file + "\n"), file);
            assertFalse(offer.containsKey("yaml"), "validate offers the block and the diff, not the whole file");
        }
    }

    @Test
    void rebaselinedScenariosPassAgainstTheDraftAndKeepEverythingButTheirExpectBlock() throws IOException {
        Map<String, String> draft = longerCoverTarget();
        List<String> failing = failing(validate(draft, Map.of()));

        JsonPath answer = rebaseline(draft, failing).then().statusCode(200)
                .body("ruleSet", equalTo("inventory")).extract().jsonPath();

        Map<String, String> accepted = new HashMap<>();
        for (Map<String, Object> entry : answer.<Map<String, Object>>getList("scenarios")) {
            String file = (String) entry.get("file");
            String yaml = (String) entry.get("yaml");
            assertEquals("PROPOSED", entry.get("status"), file);
            String original = Files.readString(SCENARIOS.resolve(file));
            // comments, now, facts and exactly are left exactly as written
            assertEquals(original.substring(0, original.indexOf("\nexpect:")), yaml.substring(0, yaml.indexOf("\nexpect:")), file);
            assertTrue(yaml.contains("rule: "), "entries name the rule that decides: " + yaml);
            accepted.put(file, yaml);
        }
        assertEquals(failing.size(), accepted.size());

        JsonPath withRebaselined = validate(draft, accepted);

        assertEquals(List.of(), failing(withRebaselined), withRebaselined.prettify());
        assertTrue(withRebaselined.getBoolean("valid"), "the draft and its re-baselined scenarios agree");
        assertEquals(List.of(), withRebaselined.getList("rebaseline"));
    }

    @Test
    void aBlockStyleScenarioKeepsItsStyleSoTheDiffShowsOnlyTheValuesThatChanged() throws IOException {
        String file = "restock-urgent-below-safety-stock.yaml";
        String original = Files.readString(SCENARIOS.resolve(file));
        assertTrue(original.contains("\n- type: RESTOCK\n  subject: sku-2\n"), "the fixture writes its entry in block style");

        Map<String, Object> entry = rebaseline(longerCoverTarget(), List.of(file)).then().statusCode(200)
                .extract().jsonPath().getMap("scenarios[0]");

        String yaml = (String) entry.get("yaml");
        assertTrue(yaml.contains("\n- type: RESTOCK\n  subject: sku-2\n  rule: "), yaml);
        assertTrue(yaml.contains("\n  urgency: "), yaml);
        String diff = (String) entry.get("diff");
        assertTrue(diff.contains("\n-  quantity: ") && diff.contains("\n+  quantity: "), diff);
        assertFalse(diff.contains("\n-  subject: "), "unchanged lines are context, not changes: " + diff);
    }

    @Test
    void aScenarioThatPassesNeedsNoRebaseline() throws IOException {
        Map<String, String> draft = longerCoverTarget();
        JsonPath report = validate(draft, Map.of());
        String passing = report.<Map<String, Object>>getList("scenarios").stream()
                .filter(result -> Boolean.TRUE.equals(result.get("passed")))
                .map(result -> (String) result.get("file")).findFirst().orElseThrow();

        rebaseline(draft, List.of(passing)).then().statusCode(200)
                .body("scenarios[0].file", equalTo(passing))
                .body("scenarios[0].status", equalTo("PASSES"))
                .body("scenarios[0].message", containsString("nothing to re-baseline"))
                .body("scenarios[0].yaml", equalTo(null));
    }

    @Test
    void aNameThatIsNotAScenarioOfTheRuleSetIsRefusedNamingTheField() throws IOException {
        Map<String, String> draft = longerCoverTarget();
        String scenario = failing(validate(draft, Map.of())).get(0);
        for (String notAScenario : List.of("restock.drl", "no-such-scenario.yaml", "../cart/reminder-and-nudge-together.yaml")) {
            rebaseline(draft, List.of(scenario, notAScenario)).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("field", equalTo("accept[1]"));
        }
        rebaseline(draft, List.of()).then().statusCode(400).body("field", equalTo("accept"));
    }

    @Test
    void aDraftThatDoesNotCompileIsRefused() {
        rebaseline(Map.of("broken.drl", "package io.shoprules.rules.inventory;\nrule \"x\" when then oops(\nend\n"),
                List.of("restock-urgent-below-safety-stock.yaml"))
                .then().statusCode(422).body("errors[0].file", containsString("broken.drl"));
    }

    @Test
    void onlyOperationsRebaseline() throws IOException {
        given().header("Authorization", "Bearer " + OpsKeyForTests.SHOP_KEY).contentType(ContentType.JSON)
                .body(Map.of("files", longerCoverTarget(), "accept", List.of("restock-urgent-below-safety-stock.yaml")))
                .when().post("/api/rulesets/inventory/scenarios/rebaseline")
                .then().statusCode(403);
    }

    private static JsonPath validate(Map<String, String> files, Map<String, String> scenarios) {
        return given().contentType(ContentType.JSON).body(Map.of("files", files, "scenarios", scenarios))
                .when().post("/api/rulesets/inventory/validate")
                .then().statusCode(200).extract().jsonPath();
    }

    private static io.restassured.response.Response rebaseline(Map<String, String> files, List<String> accept) {
        return given().contentType(ContentType.JSON).body(Map.of("files", files, "accept", accept))
                .when().post("/api/rulesets/inventory/scenarios/rebaseline");
    }

    private static List<String> failing(JsonPath report) {
        return report.<Map<String, Object>>getList("scenarios").stream()
                .filter(result -> !Boolean.TRUE.equals(result.get("passed")))
                .map(result -> (String) result.get("file")).toList();
    }
}
