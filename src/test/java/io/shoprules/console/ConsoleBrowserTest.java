package io.shoprules.console;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.shoprules.actions.ActionQuery;
import io.shoprules.actions.DueAction;
import io.shoprules.actions.NewAction;
import io.shoprules.actions.Outbox;
import io.shoprules.api.OpsKeyForTests;
import io.shoprules.engine.RuleFolderCopy;
import io.shoprules.engine.RuleSetSource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.StaleElementReferenceException;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console in a real browser: Debian's headless chromium driven by Selenium against the running
 * service, on a private copy of the fixture inventory rules. Each page it visits is saved as a
 * screenshot under target/console-screenshots/.
 */
@QuarkusTest
@Tag("browser")
@WithTestResource(value = RuleFolderCopy.class)
class ConsoleBrowserTest {

    private static final Path RESTOCK = RuleFolderCopy.RULES.resolve("inventory").resolve("restock.drl");
    /** An upper bound for pages and checks on a busy machine, not a measure of speed. */
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static WebDriver browser;

    @Inject
    Outbox outbox;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void startBrowser() {
        browser = ConsoleBrowser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void startFromTheFixtureRules() {
        RuleFolderCopy.reset();
        awaitServingVersionOnDisk();
        browser.manage().deleteAllCookies();
    }

    @AfterEach
    void putTheFixtureBack() {
        RuleFolderCopy.reset();
    }

    @Test
    void anOpsKeySignsInAndSeesEachRuleSetWithItsVersionAndScenarioCounts() {
        open("console");
        assertTrue(browser.getCurrentUrl().endsWith("/console/sign-in"), browser.getCurrentUrl());
        screenshot("sign-in");
        signIn(OpsKeyForTests.OPS_KEY);

        JsonPath inventory = inventoryStatusSteadyAroundPage();
        WebElement row = browser.findElement(By.cssSelector("#rule-sets tr[data-rule-set='inventory']"));
        assertEquals(inventory.getString("version"), row.findElement(By.cssSelector(".version")).getText());
        long passed = inventory.getList("scenarios.passed", Boolean.class).stream().filter(p -> p).count();
        assertEquals(String.valueOf(passed), row.findElement(By.cssSelector(".passed")).getText());
        assertEquals(String.valueOf(inventory.getList("scenarios").size() - passed),
                row.findElement(By.cssSelector(".failed")).getText());
        screenshot("rule-sets");

        ConsoleBrowser.clickThrough(browser, row.findElement(By.linkText("inventory")));
        assertTrue(browser.findElement(By.id("files")).getText().contains("restock.drl"));
        screenshot("rule-set");
    }

    @Test
    void aWrongKeyAndAShopKeyAreRefusedWithAMessage() {
        open("console/sign-in");
        signIn("not-a-key");
        assertEquals("That key is not valid.", browser.findElement(By.id("sign-in-message")).getText());

        signIn(OpsKeyForTests.SHOP_KEY);
        assertTrue(browser.findElement(By.id("sign-in-message")).getText().contains("only an ops key may sign in"));
        screenshot("sign-in-refused");

        open("console/rulesets");
        assertTrue(browser.getCurrentUrl().endsWith("/console/sign-in"), "no session was opened");
    }

    @Test
    void anEditWithASyntaxErrorShowsTheErrorAtItsLineAndChangesNothing() throws IOException {
        String before = Files.readString(RESTOCK);
        String serving = inventoryStatus().getString("version");
        List<String> lines = new java.util.ArrayList<>(before.lines().toList());
        int broken = lines.indexOf("    $policy : RestockPolicy()") + 1;
        assertTrue(broken > 0, "the fixture matches its policy on a line of its own");
        lines.set(broken - 1, "    $policy : RestockPolicy() )");
        String draft = String.join("\n", lines) + "\n";

        signedIn("console/rulesets/inventory/files/restock.drl");
        typeDraft(draft);
        click("validate");

        List<WebElement> errors = browser.findElements(By.cssSelector("#errors li"));
        assertFalse(errors.isEmpty(), () -> "the validation shows errors: " + browser.getPageSource());
        assertTrue(errors.stream().anyMatch(e -> String.valueOf(broken).equals(e.getDomAttribute("data-line"))),
                () -> "an error at line " + broken + ": " + errors.stream().map(WebElement::getText).toList());
        assertEquals("error-line", browser.findElement(By.cssSelector(".gutter span[data-line='" + broken + "']"))
                .getDomAttribute("class"));
        assertEquals(draft, textarea().getDomProperty("value"), "the draft stays in the editor");
        screenshot("edit-error");

        click("activate");
        assertTrue(browser.findElement(By.id("outcome")).getText().contains("Refused, nothing was written"));
        assertEquals(before, Files.readString(RESTOCK), "the file on disk is unchanged");
        assertEquals(serving, inventoryStatus().getString("version"), "the serving version is unchanged");
    }

    @Test
    void aPolicyNumberEditPreviewsThenActivatesAndTheNextDecisionUsesIt() {
        signedIn("console/rulesets/inventory/policies");
        WebElement target = browser.findElement(By.id("restock.drl/RestockPolicy.coverTargetDays"));
        int days = Integer.parseInt(target.getDomProperty("value"));
        assertTrue(browser.findElement(By.id("restock.drl/RestockPolicy.coverTargetDays-help")).getText()
                .contains("days of sales"), "the declaration's comment is the field's help");
        // covers one day more than the target: no restock now, a restock once the target is 3 days longer
        Map<String, Object> sku = Map.of("skuId", "cover-" + days, "onHand", 10 * (days + 1), "avgDailySales", 10,
                "leadTimeDays", 1);
        assertFalse(decisionTypes(sku).contains("RESTOCK"));
        screenshot("policy-numbers");

        target.clear();
        target.sendKeys(String.valueOf(days + 3));
        click("preview");
        new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#preview[data-status='DONE']")));
        assertTrue(browser.findElement(By.id("preview-summary")).isDisplayed());
        screenshot("policy-preview");
        assertEquals(String.valueOf(days + 3), browser.findElement(By.id("restock.drl/RestockPolicy.coverTargetDays"))
                .getDomProperty("value"), "the draft stays in the form");

        click("activate");
        String activated = browser.findElement(By.id("activated-version")).getText();
        assertEquals(activated, inventoryStatus().getString("version"));
        assertTrue(RuleFolderCopy.read(RESTOCK).contains("coverTargetDays : int = " + (days + 3) + " "),
                "only the default changed, the comment after it stayed");
        assertEquals(String.valueOf(days + 3), browser.findElement(By.id("restock.drl/RestockPolicy.coverTargetDays"))
                .getDomProperty("value"));
        screenshot("policy-activated");

        assertTrue(decisionTypes(sku).contains("RESTOCK"), "the next decision uses the new cover target");
    }

    @Test
    void aPolicyNumberThatBreaksAScenarioGoesLiveOnceItsNewExpectationIsAccepted() {
        Path pinned = RuleFolderCopy.SCENARIOS.resolve("inventory").resolve("pinned.yaml");
        Map<String, Object> sku = Map.of("skuId", "pinned", "onHand", 50, "avgDailySales", 10, "leadTimeDays", 3);
        int before = restockQuantity(sku);
        given().contentType(ContentType.JSON).body(Map.of("baseVersion", inventoryStatus().getString("version"),
                "scenarios", Map.of("pinned.yaml", """
                        now: "2026-03-10T10:00:00+08:00"
                        facts:
                          - {skuId: pinned, onHand: 50, avgDailySales: 10, leadTimeDays: 3}
                        expect:
                          - {type: RESTOCK, subject: pinned, quantity: %d}
                        """.formatted(before))))
                .when().post("/api/rulesets/inventory/activate").then().statusCode(200);
        String base = inventoryStatus().getString("version");
        signedIn("console/rulesets/inventory/policies");
        WebElement target = browser.findElement(By.id("restock.drl/RestockPolicy.coverTargetDays"));
        int days = Integer.parseInt(target.getDomProperty("value"));
        String restockBefore = RuleFolderCopy.read(RESTOCK);

        target.clear();
        target.sendKeys(String.valueOf(days + 3));
        click("activate");
        WebElement offer = browser.findElement(By.cssSelector("#new-expectations .expectation[data-scenario='pinned.yaml']"));
        String diff = offer.findElement(By.cssSelector("pre.diff")).getText();
        assertTrue(diff.contains("-  - {type: RESTOCK, subject: pinned, quantity: " + before + "}"), diff);
        assertEquals(restockBefore, RuleFolderCopy.read(RESTOCK), "refused: nothing written");
        assertEquals(String.valueOf(days + 3), browser.findElement(By.id("restock.drl/RestockPolicy.coverTargetDays"))
                .getDomProperty("value"), "the draft stays in the form");
        screenshot("new-expectation");

        offer.findElement(By.cssSelector("input[name='accept']")).click();
        click("activate");
        String activated = browser.findElement(By.id("activated-version")).getText();
        assertEquals(activated, inventoryStatus().getString("version"));
        assertTrue(browser.findElement(By.id("outcome")).getText().contains("pinned.yaml"),
                "the page says which scenario was saved with its new expectation");
        int after = restockQuantity(sku);
        assertNotEquals(before, after);
        assertTrue(java.util.regex.Pattern.compile("quantity: " + after + "\\b").matcher(RuleFolderCopy.read(pinned)).find(),
                RuleFolderCopy.read(pinned));

        open("console/rulesets/inventory/versions");
        String newest = browser.findElement(By.cssSelector("#versions tr[data-version='" + activated + "']")).getText();
        assertTrue(newest.contains("restock.drl (MODIFIED)") && newest.contains("pinned.yaml (MODIFIED)"), newest);

        // undo: the earlier rules fail the scenario as it now reads, until it takes their decisions again
        ConsoleBrowser.clickThrough(browser, browser.findElement(By.cssSelector(
                "#versions tr[data-version='" + base + "'] button")));
        assertEquals(activated, inventoryStatus().getString("version"), "refused: the new version serves on");
        WebElement back = browser.findElement(By.cssSelector("#new-expectations .expectation[data-scenario='pinned.yaml']"));
        back.findElement(By.cssSelector("input[name='accept']")).click();
        ConsoleBrowser.clickThrough(browser, browser.findElement(By.cssSelector("#rollback-form button")));
        assertEquals(base, browser.findElement(By.id("activated-version")).getText());
        assertEquals(base, inventoryStatus().getString("version"));
        assertEquals(restockBefore, RuleFolderCopy.read(RESTOCK));
        assertEquals(before, restockQuantity(sku));
        assertTrue(java.util.regex.Pattern.compile("quantity: " + before + "\\b").matcher(RuleFolderCopy.read(pinned)).find(),
                RuleFolderCopy.read(pinned));
    }

    @Test
    void aScenarioAboutThePolicyADraftReplacesIsRemovedWithIt() {
        signedIn("console/rulesets/inventory/policies");
        int days = Integer.parseInt(browser.findElement(By.id("restock.drl/RestockPolicy.coverTargetDays")).getDomProperty("value"));
        // one day more than the target: no restock now, a restock once the target is 3 days longer
        given().contentType(ContentType.JSON).body(Map.of("baseVersion", inventoryStatus().getString("version"),
                "scenarios", Map.of("no-restock-above-target.yaml", """
                        now: "2026-03-10T10:00:00+08:00"
                        facts:
                          - {skuId: above, onHand: %d, avgDailySales: 10, leadTimeDays: 1}
                        expectNone: [RESTOCK]
                        """.formatted(10 * (days + 1)))))
                .when().post("/api/rulesets/inventory/activate").then().statusCode(200);
        Path boundary = RuleFolderCopy.SCENARIOS.resolve("inventory").resolve("no-restock-above-target.yaml");
        open("console/rulesets/inventory/policies");
        WebElement target = browser.findElement(By.id("restock.drl/RestockPolicy.coverTargetDays"));
        target.clear();
        target.sendKeys(String.valueOf(days + 3));

        click("validate");
        WebElement offer = browser.findElement(By.cssSelector(
                "#new-expectations .expectation[data-scenario='no-restock-above-target.yaml']"));
        assertTrue(offer.findElements(By.cssSelector("input[name='accept']")).isEmpty(),
                "a new expectation cannot help a scenario whose expectNone forbids the new decision");
        offer.findElement(By.cssSelector("input[name='remove']")).click();
        click("validate");
        assertTrue(browser.findElement(By.id("outcome")).getText().contains("Valid"), browser.findElement(By.id("outcome")).getText());
        assertTrue(Files.exists(boundary), "validate removes nothing");
        assertTrue(browser.findElement(By.cssSelector("#removed-scenarios input[value='no-restock-above-target.yaml']")).isSelected(),
                "the removal stays ticked for the next click");

        click("activate");
        String activated = browser.findElement(By.id("activated-version")).getText();
        assertEquals(activated, inventoryStatus().getString("version"));
        assertFalse(Files.exists(boundary));
        open("console/rulesets/inventory/versions");
        String newest = browser.findElement(By.cssSelector("#versions tr[data-version='" + activated + "']")).getText();
        assertTrue(newest.contains("no-restock-above-target.yaml (REMOVED)"), newest);
    }

    @Test
    void aRealRequestBecomesAScenarioFromTheDecisionsPage() {
        Map<String, Object> sku = Map.of("skuId", "from-request", "onHand", 50, "avgDailySales", 10, "leadTimeDays", 3);
        assertTrue(decisionTypes(sku).contains("RESTOCK"));
        signedIn("console/decisions?ruleSet=inventory&subject=from-request");
        By makeScenario = By.linkText("Make a scenario");
        new WebDriverWait(browser, PATIENCE).until(driver -> {
            // the decision and its request are logged off the request path: look again until they are
            driver.navigate().refresh();
            return !driver.findElements(makeScenario).isEmpty();
        });
        ConsoleBrowser.clickThrough(browser, browser.findElement(makeScenario));

        String file = browser.findElement(By.id("file")).getDomProperty("value");
        assertTrue(file.endsWith("-restock.yaml"), file);
        assertTrue(textarea().getDomProperty("value").contains("skuId: from-request"), textarea().getDomProperty("value"));
        screenshot("scenario-from-decision");
        click("activate");

        assertTrue(browser.findElement(By.id("outcome")).getText().contains("Activated"), browser.findElement(By.id("outcome")).getText());
        assertTrue(RuleFolderCopy.read(RuleFolderCopy.SCENARIOS.resolve("inventory").resolve(file)).contains("from-request"));
        open("console/rulesets/inventory/scenarios");
        assertEquals("passed", browser.findElement(By.cssSelector("#scenarios tr[data-scenario='" + file + "'] .result"))
                .getText());
    }

    @Test
    void aNewScenarioExpectingTheWrongDecisionIsRefusedAndCanTakeWhatTheRulesDecide() {
        Map<String, Object> sku = Map.of("skuId", "typed", "onHand", 50, "avgDailySales", 10, "leadTimeDays", 3);
        int decided = restockQuantity(sku);
        signedIn("console/rulesets/inventory/scenarios");
        ConsoleBrowser.clickThrough(browser, browser.findElement(By.id("new-scenario")));
        browser.findElement(By.id("file")).sendKeys("stable.yaml");
        String typed = """
                # typed in the console
                now: "2026-03-10T10:00:00+08:00"
                facts:
                  - {skuId: typed, onHand: 50, avgDailySales: 10, leadTimeDays: 3}
                expect:
                  - {type: RESTOCK, subject: typed, quantity: %d}
                """.formatted(decided + 1);
        typeDraft(typed);
        click("activate");
        assertTrue(browser.findElement(By.id("problem")).getText().contains("stable.yaml already"),
                "a new scenario never replaces one that exists");

        WebElement name = browser.findElement(By.id("file"));
        name.clear();
        name.sendKeys("typed-restock.yaml");
        click("activate");
        Path typedFile = RuleFolderCopy.SCENARIOS.resolve("inventory").resolve("typed-restock.yaml");
        assertFalse(Files.exists(typedFile), "refused: nothing written");
        assertTrue(browser.findElement(By.id("scenario-result")).getText().contains("\"quantity\":" + decided),
                "the page shows what the rules decide for the facts");
        WebElement offer = browser.findElement(By.cssSelector("#new-expectations .expectation[data-scenario='typed-restock.yaml']"));
        screenshot("scenario-refused");
        offer.findElement(By.cssSelector("input[name='accept']")).click();
        click("activate");

        assertTrue(browser.findElement(By.id("outcome")).getText().contains("Activated"), browser.findElement(By.id("outcome")).getText());
        String written = RuleFolderCopy.read(typedFile);
        assertTrue(written.startsWith("# typed in the console\n"), written);
        assertTrue(java.util.regex.Pattern.compile("quantity: " + decided + "\\b").matcher(written).find(), written);
    }

    @Test
    void aScenarioRemovedFromItsPageIsGoneFromTheRuleSetAndSavingItAgainBringsItBack() {
        Path stable = RuleFolderCopy.SCENARIOS.resolve("inventory").resolve("stable.yaml");
        String before = RuleFolderCopy.read(stable);
        signedIn("console/rulesets/inventory/scenarios/stable.yaml");
        click("remove");

        String outcome = browser.findElement(By.id("outcome")).getText();
        assertTrue(outcome.contains("Scenarios removed: stable.yaml"), outcome);
        assertFalse(Files.exists(stable));
        String removedIn = browser.findElement(By.id("activated-version")).getText();
        JsonPath served = inventoryStatus();
        assertEquals(removedIn, served.getString("version"));
        assertFalse(served.getList("scenarios.file", String.class).contains("stable.yaml"));
        assertEquals("stable.yaml", browser.findElement(By.id("file")).getDomProperty("value"),
                "the removed scenario stays in the editor, as a new one");

        click("activate");
        assertTrue(browser.findElement(By.id("outcome")).getText().contains("Activated"), browser.findElement(By.id("outcome")).getText());
        assertEquals(before, RuleFolderCopy.read(stable));
    }

    @Test
    void aRollbackPutsTheEarlierVersionBackAndChineseTextRoundTrips() throws IOException {
        String original = Files.readString(RESTOCK);
        String first = inventoryStatus().getString("version");
        String chinese = "// 保温杯：补货政策说明（测试）\n" + original;

        signedIn("console/rulesets/inventory/files/restock.drl");
        typeDraft(chinese);
        click("activate");
        String second = browser.findElement(By.id("activated-version")).getText();
        assertNotEquals(first, second);
        assertEquals(chinese, Files.readString(RESTOCK), "Chinese text reaches the file as typed");
        assertEquals(chinese, textarea().getDomProperty("value"));
        screenshot("edit-activated");

        open("console/rulesets/inventory/versions");
        ConsoleBrowser.clickThrough(browser, browser.findElement(By.linkText(second)));
        assertTrue(browser.findElement(By.id("diff")).getText().contains("+// 保温杯：补货政策说明（测试）"));
        screenshot("diff");

        open("console/rulesets/inventory/versions");
        screenshot("history");
        ConsoleBrowser.clickThrough(browser, browser.findElement(By.cssSelector("#versions tr[data-version='" + first + "'] button")));
        assertTrue(browser.findElement(By.id("outcome")).getText().contains("Activated"));
        assertEquals(first, browser.findElement(By.id("serving-version")).getText());
        assertEquals(first, inventoryStatus().getString("version"));
        assertEquals(original, Files.readString(RESTOCK), "the exact bytes of before");
    }

    @Test
    void theDecisionsChartDrawsDecisionsPerDayByType() {
        decisionTypes(Map.of("skuId", "chart-1", "onHand", 0, "avgDailySales", 10, "leadTimeDays", 1));
        decisionTypes(Map.of("skuId", "chart-2", "onHand", 1, "avgDailySales", 10, "leadTimeDays", 1));

        signedIn("console/decisions?ruleSet=inventory");
        new WebDriverWait(browser, PATIENCE).until(b -> script("return window.decisionsChart !== undefined"));
        List<?> labels = (List<?>) script("return window.decisionsChart.data.datasets.map(d => d.label)");
        assertTrue(labels.contains("RESTOCK"), labels::toString);
        Number restocks = (Number) script("return window.decisionsChart.data.datasets.find(d => d.label === 'RESTOCK')"
                + ".data.reduce((a, b) => a + b, 0)");
        assertTrue(restocks.longValue() >= 2, () -> "at least the two restocks just made: " + restocks);
        assertTrue(browser.findElement(By.id("decisions")).getText().contains("chart-2"));
        screenshot("decisions");
    }

    @Test
    void scriptInDataAndDraftsStaysText() {
        String attack = "<script>window.pwned=1</script>";
        decisionTypes(Map.of("skuId", attack, "onHand", 0, "avgDailySales", 10, "leadTimeDays", 1));

        signedIn("console/decisions?subject=" + java.net.URLEncoder.encode(attack, java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(browser.findElement(By.id("decisions")).getText().contains(attack), "the subject shows as text");
        assertEquals(attack, browser.findElement(By.id("subject")).getDomProperty("value"));
        open("console/rulesets/inventory/files/restock.drl");
        String draft = "// </textarea>" + attack + "\n" + RuleFolderCopy.read(RESTOCK);
        typeDraft(draft);
        click("validate");
        assertEquals(draft, textarea().getDomProperty("value"));
        assertEquals(Boolean.TRUE, script("return window.pwned === undefined"), "no injected script ran");
        screenshot("xss-as-text");
    }

    @Test
    void aFormSentWithoutItsTokenIsRefusedAndChangesNothing() {
        String serving = inventoryStatus().getString("version");
        signedIn("console/rulesets/inventory/policies");
        script("document.querySelectorAll('#policy-form input[name=csrf]').forEach(e => e.remove())");
        WebElement target = browser.findElement(By.id("restock.drl/RestockPolicy.coverTargetDays"));
        String days = target.getDomProperty("value");
        target.clear();
        target.sendKeys(days + "1");
        click("activate");
        assertTrue(browser.findElement(By.id("refused")).getText().contains("not sent from a page of your console session"));
        screenshot("refused");
        assertEquals(serving, inventoryStatus().getString("version"));
    }

    @Test
    void actionsAndJobsShowRunsAndWhatTheyCreated() {
        given().contentType(ContentType.JSON)
                .body(Map.of("facts", List.of(Map.of("skuId", "job-1", "onHand", 0, "avgDailySales", 5, "leadTimeDays", 2))))
                .when().put("/api/facts/inventory").then().statusCode(200);

        signedIn("console/jobs");
        browser.findElement(By.cssSelector("button[aria-label='Run the inventory job now']")).click();
        // htmx swaps the run's table while it polls: an element found before a swap may be gone when read
        new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class)
                .until(b -> b.findElement(By.cssSelector("table[data-job='inventory'] td.status")).getText().equals("SUCCEEDED"));
        screenshot("jobs");

        open("console/actions");
        assertTrue(browser.findElement(By.id("pending-actions")).getText().contains("job-1"));
        screenshot("actions");
    }

    @Test
    void theScenariosPageListsEachScenarioWithWhatItFiredAndMarksRulesNoScenarioFires() {
        JsonPath inventory = inventoryStatus();
        List<String> files = inventory.getList("scenarios.file", String.class);
        List<String> uncovered = inventory.getList("uncoveredRules", String.class);
        assertFalse(files.isEmpty(), "the copy serves its stable scenario");
        assertFalse(uncovered.isEmpty(), "the stable scenario leaves some fixture rule unfired");

        signedIn("console/rulesets/inventory");
        ConsoleBrowser.clickThrough(browser, browser.findElement(By.linkText("Scenarios and coverage")));

        List<WebElement> scenarios = browser.findElements(By.cssSelector("#scenarios tr[data-scenario]"));
        assertEquals(files, scenarios.stream().map(row -> row.getDomAttribute("data-scenario")).toList());
        for (int i = 0; i < files.size(); i++) {
            WebElement row = scenarios.get(i);
            boolean passed = inventory.getBoolean("scenarios[" + i + "].passed");
            assertTrue(row.findElement(By.cssSelector(".result")).getText().startsWith(passed ? "passed" : "failed"));
            for (String rule : inventory.getList("scenarios[" + i + "].rulesFired", String.class)) {
                assertTrue(row.findElement(By.cssSelector(".fired")).getText().contains(rule), rule);
            }
        }
        List<WebElement> rules = browser.findElements(By.cssSelector("#coverage tr[data-rule]"));
        assertEquals(inventory.getList("rules", String.class).size(), rules.size(), "one row per rule");
        for (WebElement rule : rules) {
            boolean marked = "uncovered".equals(rule.getDomAttribute("class"));
            assertEquals(uncovered.contains(rule.getDomAttribute("data-rule")), marked, rule.getText());
            assertEquals(marked, rule.getText().contains("not covered"), rule.getText());
        }
        assertTrue(browser.findElement(By.id("coverage-summary")).getText()
                .startsWith(uncovered.size() + " of " + rules.size() + " rules fired in no scenario"));
        screenshot("scenarios");
    }

    @Test
    void aFailedActionRetriedFromTheActionsPageIsPendingAgainWithFreshAttempts() {
        String subject = "retry-" + System.nanoTime();
        QuarkusTransaction.requiringNew().run(() -> outbox.add(List.of(new NewAction("console-" + subject, "inventory",
                "RESTOCK", subject, inventoryStatus().getString("version"), "restock", "{}", null))));
        long id = outbox.find(new ActionQuery(null, null, null, subject, null, null, 0, 1)).get(0).id();
        // one attempt allowed, and it failed: the way the webhook delivery gives an action up
        assertEquals(1, outbox.claim(new DueAction(id, 0), Duration.ofMinutes(1)).attempts());
        outbox.pushFailed(id, "receiver answered 503", 1, Duration.ofMinutes(1));
        given().when().get("/api/actions/" + id).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("FAILED"));

        signedIn("console/actions");
        assertTrue(browser.findElement(By.id("failed-actions")).getText().contains("receiver answered 503"));
        assertFalse(browser.findElement(By.id("pending-actions")).getText().contains(subject));
        screenshot("actions-failed");
        ConsoleBrowser.clickThrough(browser, browser.findElement(By.cssSelector("button[aria-label='Retry action " + id + "']")));

        assertTrue(browser.findElement(By.id("message")).getText().contains("Action " + id + " ("), browser::getPageSource);
        assertTrue(browser.findElement(By.id("pending-actions")).getText().contains(subject));
        assertFalse(browser.findElement(By.id("failed-actions")).getText().contains(subject));
        JsonPath retried = given().when().get("/api/actions/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("PENDING", retried.getString("status"));
        assertEquals(0, retried.getInt("attempts"), "a fresh set of attempts");
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void open(String path) {
        browser.get(base.toString() + path);
    }

    private void signIn(String key) {
        ConsoleBrowser.signIn(browser, key);
    }

    private void signedIn(String path) {
        open("console/sign-in");
        signIn(OpsKeyForTests.OPS_KEY);
        open(path);
    }

    private WebElement textarea() {
        return browser.findElement(By.id("text"));
    }

    /** Puts a whole draft in the editor at once, as a paste would. */
    private void typeDraft(String text) {
        script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'))", textarea(), text);
    }

    /** Submits the form with {@code action} and waits for the answer's page: the old one is complete until it goes. */
    private void click(String action) {
        ConsoleBrowser.clickThrough(browser, browser.findElement(By.cssSelector("button[name='action'][value='" + action + "']")));
    }

    private Object script(String code, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(code, arguments);
    }

    private void screenshot(String name) {
        ConsoleBrowser.screenshot(browser, name);
    }

    private static List<String> decisionTypes(Map<String, Object> sku) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("now", "2026-03-10T10:00:00+08:00", "facts", List.of(sku)))
                .when().post("/api/rulesets/inventory/decisions")
                .then().statusCode(200).extract().jsonPath().getList("decisions.type", String.class);
    }

    private static int restockQuantity(Map<String, Object> sku) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("now", "2026-03-10T10:00:00+08:00", "facts", List.of(sku)))
                .when().post("/api/rulesets/inventory/decisions")
                .then().statusCode(200).extract().jsonPath().getInt("decisions.find { it.type == 'RESTOCK' }.quantity");
    }

    /**
     * The inventory status read before and after the page is loaded again, once both reads agree:
     * scenarios re-run in the background after a load from the cache, so a single read may straddle
     * their results.
     */
    private JsonPath inventoryStatusSteadyAroundPage() {
        for (int attempt = 0; attempt < 20; attempt++) {
            JsonPath before = inventoryStatus();
            browser.navigate().refresh();
            browser.findElement(By.cssSelector("#rule-sets tr[data-rule-set='inventory']"));
            JsonPath after = inventoryStatus();
            if (before.getString("version").equals(after.getString("version"))
                    && before.getList("scenarios").equals(after.getList("scenarios"))) {
                return after;
            }
        }
        throw new AssertionError("the inventory status kept changing while the console page loaded");
    }

    private static JsonPath inventoryStatus() {
        JsonPath all = given().when().get("/api/rulesets").then().statusCode(200).extract().jsonPath();
        return new JsonPath(all.prettify()).setRootPath("find { it.name == 'inventory' }");
    }

    /** The rules and the scenarios on disk serve: a test that added a scenario leaves the rules' version as it was. */
    private static void awaitServingVersionOnDisk() {
        String onDisk = RuleSetSource.read("inventory", RuleFolderCopy.RULES.resolve("inventory")).version();
        List<String> scenarios = List.copyOf(RuleSetSource.readFiles(RuleFolderCopy.SCENARIOS.resolve("inventory")).keySet());
        RuleFolderCopy.awaitInventory(s -> s.get("lastRejected") == null && onDisk.equals(s.getString("version"))
                && scenarios.equals(s.getList("scenarios.file", String.class)));
    }
}
