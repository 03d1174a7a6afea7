package io.shoprules.engine;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A version that passed its checks is kept compiled; the next start serves it from that form and
 * runs its scenarios again in the background, and a failure then is reported without taking the
 * version out of service.
 */
@QuarkusTest
@WithTestResource(value = RuleFolderCopy.class)
@TestProfile(StartUpFromKeptFormsTest.KeptForms.class)
class StartUpFromKeptFormsTest {

    static final Path FORMS = RuleFolderCopy.ROOT.resolve("compiled");
    private static final Path INVENTORY_FORMS = FORMS.resolve("inventory");

    public static class KeptForms implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shoprules.rules.compiled-cache", FORMS.toString());
        }
    }

    @Inject
    RuleSets ruleSets;

    @BeforeEach
    void startFromTheFixtureRules() {
        RuleFolderCopy.reset();
        RuleFolderCopy.awaitInventory(s -> s.get("lastRejected") == null && versionOnDisk().equals(s.getString("version")));
    }

    @AfterEach
    void putTheFixtureBack() {
        RuleFolderCopy.reset();
    }

    @Test
    void aCheckedVersionIsServedFromItsKeptFormAtTheNextStartAndItsScenariosRunAgain() throws IOException {
        assertFalse(formsOf(INVENTORY_FORMS).isEmpty(), "the first start kept the compiled inventory rules");

        ReloadOutcome inventory = inventoryOutcomeOf(ruleSets.startUp());

        assertEquals(ReloadOutcome.Result.RESTORED, inventory.result());
        assertEquals(versionOnDisk(), inventory.serving());
        JsonPath status = RuleFolderCopy.awaitInventory(s -> s.getList("scenarios").size() == 1);
        assertEquals(true, status.getBoolean("scenarios[0].passed"));
        given().contentType(ContentType.JSON)
                .body("""
                        {"now": "2026-03-10T10:00:00+08:00",
                         "facts": [{"skuId": "empty", "onHand": 0, "avgDailySales": 4, "leadTimeDays": 3}]}""")
                .when().post("/api/rulesets/inventory/decisions")
                .then().statusCode(200)
                .body("version", equalTo(versionOnDisk()))
                .body("decisions.find { it.subject == 'empty' }.type", equalTo("RESTOCK"));
    }

    @Test
    void aKeptVersionThatFailsItsScenariosAtStartKeepsServingAndTheFailureIsReported() throws IOException {
        String serving = versionOnDisk();
        Path keptForm = formsOf(INVENTORY_FORMS).get(0);
        RuleFolderCopy.write(RuleFolderCopy.SCENARIOS.resolve("inventory").resolve("no-restock-ever.yaml"), """
                now: "2026-03-10T10:00:00+08:00"
                facts:
                  - {skuId: empty, onHand: 0, avgDailySales: 4, leadTimeDays: 3}
                expectNone: [RESTOCK]
                """);
        RuleFolderCopy.awaitInventory(s -> s.get("lastRejected") != null);
        // as if these files had passed with this engine before: the kept form matches them, the scenarios now fail
        CompiledForms forms = CompiledForms.in(FORMS);
        String key = forms.keyOf(RuleSetSource.read("inventory", RuleFolderCopy.RULES.resolve("inventory")),
                new RuleSetSource("inventory", RuleSetSource.readFiles(RuleFolderCopy.SCENARIOS.resolve("inventory"))).version());
        forms.write("inventory", key, Files.readAllBytes(keptForm));

        ReloadOutcome inventory = inventoryOutcomeOf(ruleSets.startUp());

        assertEquals(ReloadOutcome.Result.RESTORED, inventory.result());
        JsonPath status = RuleFolderCopy.awaitInventory(s -> s.getList("scenarios").size() == 2);
        assertEquals(serving, status.getString("version"));
        assertEquals(false, status.getBoolean("scenarios.find { it.file == 'no-restock-ever.yaml' }.passed"));
        assertTrue(status.getString("lastRejected.errors[0].file").endsWith("no-restock-ever.yaml"),
                status.prettify());
    }

    private static ReloadOutcome inventoryOutcomeOf(List<ReloadOutcome> outcomes) {
        return outcomes.stream().filter(o -> o.ruleSet().equals("inventory")).findFirst().orElseThrow();
    }

    private static List<Path> formsOf(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".kjar")).toList();
        }
    }

    private static String versionOnDisk() {
        return RuleSetSource.read("inventory", RuleFolderCopy.RULES.resolve("inventory")).version();
    }
}
