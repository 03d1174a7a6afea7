package io.shoprules.console;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.shoprules.api.OpsKeyForTests;
import io.shoprules.experiments.ExperimentRuleFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The experiments pages in a real browser, on a private copy of the fixture cart rules: an
 * experiment started through the API shows with its variants and is stopped or promoted from its page.
 */
@QuarkusTest
@Tag("browser")
@WithTestResource(value = ExperimentRuleFolder.class)
class ConsoleExperimentsBrowserTest {

    private static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");
    private static final String NOW = "2026-03-10T11:00:00+08:00";

    private static WebDriver browser;

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
    void startFromTheFixtureCartRulesWithNoExperimentRunning() {
        ExperimentRuleFolder.reset();
        given().when().post("/api/rulesets/reload").then().statusCode(200);
        // one experiment runs per rule set: whatever an earlier test class left running would refuse ours
        for (Map<String, Object> experiment : given().when().get("/api/rulesets/cart/experiments").then().statusCode(200)
                .extract().jsonPath().<Map<String, Object>>getList("")) {
            if ("RUNNING".equals(experiment.get("status"))) {
                given().when().delete("/api/rulesets/cart/experiments/" + experiment.get("name")).then().statusCode(200);
            }
        }
        browser.manage().deleteAllCookies();
    }

    @Test
    void anExperimentStartedThroughTheApiShowsWithItsVariantsAndIsStoppedFromItsPage() throws IOException {
        String name = "console-coupon-" + System.nanoTime();
        startChallengerWithABiggerCoupon(name);
        // with a share of 20 %, all of n customers fall on one side with a chance of 0.8^n + 0.2^n:
        // about 1 in 90 for 20 customers, 1 in 650,000 for 60
        List<String> customers = IntStream.range(0, 60).mapToObj(i -> "console-" + name + "-" + i).toList();
        List<Map<String, Object>> decisions = given().header("Authorization", "Bearer " + OpsKeyForTests.SHOP_KEY)
                .contentType(ContentType.JSON)
                .body(Map.of("now", NOW, "facts", customers.stream().map(ConsoleExperimentsBrowserTest::cart).toList()))
                .when().post("/api/rulesets/cart/decisions").then().statusCode(200)
                .extract().jsonPath().getList("decisions");
        long inChampion = decidedIn(decisions, customers, "champion");
        long inChallenger = decidedIn(decisions, customers, "challenger");
        assertTrue(inChampion > 0 && inChallenger > 0, "sixty customers fall on both sides of a 20 % share");
        given().contentType(ContentType.JSON).body(Map.of("ruleSet", "cart", "subject", customers.get(0),
                "outcome", "paid", "value", 30, "at", "2026-03-10T13:00:00+08:00"))
                .when().post("/api/outcomes").then().statusCode(201);

        signIn();
        open("console/experiments");
        WebElement row = browser.findElement(By.cssSelector("#experiments tr[data-experiment='cart/" + name + "']"));
        assertEquals("RUNNING", row.findElement(By.cssSelector(".status")).getText());
        assertEquals("20 %", row.findElement(By.cssSelector(".share")).getText());
        assertEquals("customerId", row.findElement(By.cssSelector(".subject-field")).getText());
        screenshot("experiments");

        ConsoleBrowser.clickThrough(browser, row.findElement(By.linkText(name)));
        assertEquals(String.valueOf(inChampion), subjects("champion"));
        assertEquals(String.valueOf(inChallenger), subjects("challenger"));
        assertTrue(browser.findElement(By.cssSelector("#variants tr[data-outcome='paid']")).getText().contains("30.00"),
                "the paid outcome's value shows in its customer's variant");
        screenshot("experiment");

        ConsoleBrowser.clickThrough(browser, browser.findElement(By.id("stop")));
        assertEquals("STOPPED", browser.findElement(By.id("status")).getText());
        assertTrue(browser.findElement(By.id("message")).getText().contains("champion decides for everyone"));
        assertTrue(browser.findElements(By.id("stop")).isEmpty(), "a stopped experiment offers no stop or promote");
        given().when().get("/api/rulesets/cart/experiments/" + name).then().statusCode(200)
                .body("status", equalTo("STOPPED")).body("stoppedBy", equalTo("test-ops"));
        screenshot("experiment-stopped");
    }

    @Test
    void promotingFromThePageServesTheChallengersFilesToEveryone() throws IOException {
        String name = "console-promote-" + System.nanoTime();
        String challenger = startChallengerWithABiggerCoupon(name);

        signIn();
        open("console/experiments/cart/" + name);
        ConsoleBrowser.clickThrough(browser, browser.findElement(By.id("promote")));

        assertEquals("PROMOTED", browser.findElement(By.id("status")).getText());
        assertTrue(browser.findElement(By.id("message")).getText().contains(challenger), browser::getPageSource);
        assertEquals(challenger, given().when().get("/api/rulesets").then().statusCode(200)
                .extract().path("find { it.name == 'cart' }.version"), "the challenger serves");
        given().when().get("/api/rulesets/cart/versions").then().statusCode(200)
                .body("[0].source", equalTo("PROMOTION")).body("[0].author", equalTo("test-ops"));
        screenshot("experiment-promoted");
    }

    @Test
    void aStopFormWithoutItsTokenIsRefusedAndTheExperimentRuns() throws IOException {
        String name = "console-untokened-" + System.nanoTime();
        startChallengerWithABiggerCoupon(name);

        signIn();
        open("console/experiments/cart/" + name);
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("document.querySelectorAll('input[name=csrf]').forEach(e => e.remove())");
        ConsoleBrowser.clickThrough(browser, browser.findElement(By.id("stop")));

        assertTrue(browser.findElement(By.id("refused")).getText().contains("not sent from a page of your console session"));
        given().when().get("/api/rulesets/cart/experiments/" + name).then().statusCode(200)
                .body("status", equalTo("RUNNING"));
        given().when().delete("/api/rulesets/cart/experiments/" + name).then().statusCode(200);
    }

    /** As ExperimentTest builds it: the fixture's first-reminder coupon 15 yuan higher, and its scenario to match. */
    private static String startChallengerWithABiggerCoupon(String name) throws IOException {
        String reminders = Files.readString(FIXTURES.resolve("rules/cart/reminders.drl"));
        Matcher coupon = Pattern.compile("firstReminderCoupon : BigDecimal = new BigDecimal\\(\"(\\d+)\"\\)").matcher(reminders);
        assertTrue(coupon.find(), "the fixture declares firstReminderCoupon");
        String bigger = String.valueOf(Integer.parseInt(coupon.group(1)) + 15);
        String scenario = Files.readString(FIXTURES.resolve("scenarios/cart/reminder-and-nudge-together.yaml"));
        String biggerScenario = scenario.replace("送您" + coupon.group(1) + "元", "送您" + bigger + "元");
        assertNotEquals(scenario, biggerScenario, "the fixture scenario names the coupon in its message");
        return given().contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("reminders.drl", reminders.replace(coupon.group(),
                                coupon.group().replace(coupon.group(1), bigger))),
                        "scenarios", Map.of("reminder-and-nudge-together.yaml", biggerScenario),
                        "share", 20, "subjectField", "customerId"))
                .when().put("/api/rulesets/cart/experiments/" + name).then().statusCode(201)
                .extract().path("challengerVersion");
    }

    private static Map<String, Object> cart(String customer) {
        return Map.of("cartId", "cart-" + customer, "customerId", customer,
                "items", List.of(Map.of("skuId", "S-1", "quantity", 1, "unitPrice", 10)),
                "addedAt", "2026-03-10T09:00:00+08:00");
    }

    /** How many of the customers had a decision made by the variant. */
    private static long decidedIn(List<Map<String, Object>> decisions, List<String> customers, String variant) {
        return customers.stream().filter(c -> decisions.stream()
                .anyMatch(d -> c.equals(d.get("customerId")) && variant.equals(d.get("variant")))).count();
    }

    private String subjects(String variant) {
        return browser.findElement(By.cssSelector("#variants tr[data-variant='" + variant + "'] .subjects")).getText();
    }

    private void open(String path) {
        browser.get(base.toString() + path);
    }

    private void signIn() {
        open("console/sign-in");
        ConsoleBrowser.signIn(browser, OpsKeyForTests.OPS_KEY);
    }

    private void screenshot(String name) {
        ConsoleBrowser.screenshot(browser, name);
    }
}
