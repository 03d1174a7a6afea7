package io.shoprules.experiments;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.shoprules.StartsFromEmptyTables;
import io.shoprules.api.OpsKeyForTests;
import io.shoprules.cart.Cart;
import io.shoprules.cart.CartItem;
import io.shoprules.engine.RuleSets;
import io.shoprules.engine.TrafficSplit;
import io.shoprules.versions.VersionHistory;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Champion and challenger on the fixture cart rules: a challenger with a bigger first-reminder
 * coupon decides for its share of customers, over HTTP, in jobs, and in the results.
 */
@QuarkusTest
@WithTestResource(value = ExperimentRuleFolder.class)
class ExperimentTest implements StartsFromEmptyTables {

    private static final Path REMINDERS = ExperimentRuleFolder.RULES.resolve("cart").resolve("reminders.drl");
    private static final Path FIXTURE_REMINDERS = ExperimentRuleFolder.FIXTURES.resolve("rules/cart/reminders.drl");
    private static final Path FIXTURE_SCENARIO = ExperimentRuleFolder.FIXTURES
            .resolve("scenarios/cart/reminder-and-nudge-together.yaml");
    private static final String NOW = "2026-03-10T11:00:00+08:00";
    private static final String ADDED_AT = "2026-03-10T09:00:00+08:00";

    /** The fixture's first-reminder coupon, read from its file; the challenger offers 15 yuan more. */
    private static BigDecimal championCoupon;
    private static BigDecimal challengerCoupon;
    private static String challengerReminders;
    private static String challengerScenario;

    @Inject
    RuleSets ruleSets;
    @Inject
    VersionHistory history;
    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;
    @Inject
    ExperimentsConfig config;

    @BeforeEach
    void startFromTheFixtureCartRulesWithNoExperimentRunning() throws Exception {
        ExperimentRuleFolder.reset();
        given().when().post("/api/rulesets/reload").then().statusCode(200);
        for (Map<String, Object> experiment : given().when().get("/api/rulesets/cart/experiments").then().statusCode(200)
                .extract().jsonPath().<Map<String, Object>>getList("")) {
            if ("RUNNING".equals(experiment.get("status"))) {
                given().when().delete("/api/rulesets/cart/experiments/" + experiment.get("name")).then().statusCode(200);
            }
        }
        if (championCoupon == null) {
            String reminders = Files.readString(FIXTURE_REMINDERS);
            Matcher coupon = Pattern.compile("firstReminderCoupon : BigDecimal = new BigDecimal\\(\"(\\d+)\"\\)").matcher(reminders);
            assertTrue(coupon.find(), "the fixture declares firstReminderCoupon");
            championCoupon = new BigDecimal(coupon.group(1));
            challengerCoupon = championCoupon.add(BigDecimal.valueOf(15));
            challengerReminders = reminders.replace(coupon.group(), coupon.group().replace(coupon.group(1),
                    challengerCoupon.toPlainString()));
            String scenario = Files.readString(FIXTURE_SCENARIO);
            challengerScenario = scenario.replace("送您" + championCoupon + "元", "送您" + challengerCoupon + "元");
            assertNotEquals(scenario, challengerScenario, "the fixture scenario names the coupon in its message");
        }
    }

    // ---- starting one --------------------------------------------------------------------------

    @Test
    void aChallengerWhoseScenariosFailIsRefusedWith422AndNothingIsStored() {
        given().contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("reminders.drl", challengerReminders), "share", 20, "subjectField", "customerId"))
                .when().put("/api/rulesets/cart/experiments/no-scenarios")
                .then().statusCode(422)
                .body("errors[0].file", equalTo("scenarios/cart/reminder-and-nudge-together.yaml"));

        given().when().get("/api/rulesets/cart/experiments/no-scenarios").then().statusCode(404);
    }

    @Test
    void aSecondRunningExperimentOnTheRuleSetIs409AndANameIsNeverReused() {
        start("first-of-two", 20, null).then().statusCode(201);

        start("second-of-two", 20, null).then().statusCode(409).body("field", equalTo("name"));
        given().when().delete("/api/rulesets/cart/experiments/first-of-two").then().statusCode(200);
        start("first-of-two", 20, null).then().statusCode(409).body("field", equalTo("name"));
        start("second-of-two", 20, null).then().statusCode(201).body("status", equalTo("RUNNING"));
    }

    @Test
    void badExperimentRequestsAre400NamingTheFieldAndShopKeysMayNotStartOne() {
        Map<String, Object> good = new HashMap<>(Map.of("files", Map.of("reminders.drl", challengerReminders),
                "scenarios", Map.of("reminder-and-nudge-together.yaml", challengerScenario),
                "share", 20, "subjectField", "customerId"));
        Map<String, Object[]> bad = new LinkedHashMap<>();
        bad.put("share", new Object[] {"share", 0});
        bad.put("share above 50", new Object[] {"share", 51});
        bad.put("subjectField", new Object[] {"subjectField", "shoeSize"});
        bad.put("endsAt", new Object[] {"endsAt", "2020-01-01T00:00:00Z"});
        bad.put("files[../x.drl]", new Object[] {"files", Map.of("../x.drl", "x")});
        bad.put("files", new Object[] {"files", Map.of()});
        for (Map.Entry<String, Object[]> entry : bad.entrySet()) {
            Map<String, Object> body = new HashMap<>(good);
            body.put((String) entry.getValue()[0], entry.getValue()[1]);
            String field = entry.getKey().equals("share above 50") ? "share" : entry.getKey();
            if (field.equals("files")) {
                // no edit at all: the challenger would be the champion
                body.remove("scenarios");
            }
            given().contentType(ContentType.JSON).body(body).when().put("/api/rulesets/cart/experiments/bad-input")
                    .then().statusCode(400).contentType("application/problem+json").body("field", equalTo(field));
        }
        given().contentType(ContentType.JSON).body(good).when().put("/api/rulesets/nowhere/experiments/bad-input")
                .then().statusCode(404);
        given().header("Authorization", "Bearer " + OpsKeyForTests.SHOP_KEY).contentType(ContentType.JSON).body(good)
                .when().put("/api/rulesets/cart/experiments/bad-input").then().statusCode(403);
        given().when().get("/api/rulesets/cart/experiments/bad-input").then().statusCode(404);
    }

    // ---- assignment ----------------------------------------------------------------------------

    @Test
    void aRestBatchIsSplitBySubjectAndEachDecisionNamesItsVariantAndVersion() throws Exception {
        JsonPath started = start("split-batch", 30, null).then().statusCode(201).extract().jsonPath();
        String championVersion = started.getString("championVersion");
        String challengerVersion = started.getString("challengerVersion");
        assertEquals(servingVersion(), championVersion);
        List<String> customers = new ArrayList<>(customersIn("split-batch", 30, Bucket.CHAMPION, "split-", 5));
        customers.addAll(customersIn("split-batch", 30, Bucket.CHALLENGER, "split-", 5));

        JsonPath answer = decide(customers).then().statusCode(200).extract().jsonPath();

        assertEquals(championVersion, answer.getString("version"));
        List<Map<String, Object>> decisions = answer.getList("decisions");
        assertEquals(customers.size(), decisions.size(), answer::prettify);
        for (Map<String, Object> decision : decisions) {
            String customer = (String) decision.get("customerId");
            boolean challenger = BucketTest.documentedBucket("split-batch", customer) < 30;
            assertEquals("split-batch", decision.get("experiment"));
            assertEquals(challenger ? "challenger" : "champion", decision.get("variant"), customer);
            assertEquals(challenger ? challengerVersion : championVersion, decision.get("version"), customer);
            assertEquals(0, (challenger ? challengerCoupon : championCoupon)
                    .compareTo(new BigDecimal(decision.get("couponAmount").toString())), customer);
        }
        // the decision log names variant and version too
        Map<String, Object> logged = lastDecision(customers.get(customers.size() - 1));
        assertEquals(challengerVersion, logged.get("version"));
        assertEquals("challenger", ((Map<?, ?>) logged.get("decision")).get("variant"));
    }

    @Test
    void theCartJobHonoursTheAssignmentAndItsActionsNameTheVersion() {
        JsonPath started = start("job-split", 40, null).then().statusCode(201).extract().jsonPath();
        List<String> customers = new ArrayList<>(customersIn("job-split", 40, Bucket.CHAMPION, "job-", 4));
        customers.addAll(customersIn("job-split", 40, Bucket.CHALLENGER, "job-", 4));
        OffsetDateTime addedAt = OffsetDateTime.now(ZoneOffset.UTC).minusHours(2);
        List<Map<String, Object>> carts = customers.stream().map(c -> cart(c, addedAt.toString())).toList();
        given().contentType(ContentType.JSON).body(Map.of("facts", carts)).when().put("/api/facts/cart").then().statusCode(200);

        given().when().post("/api/jobs/cart/run").then().statusCode(200).body("status", equalTo("SUCCEEDED"));

        List<Map<String, Object>> actions = given().queryParam("type", "CART_REMINDER").queryParam("size", 1000)
                .when().get("/api/actions").then().statusCode(200).extract().jsonPath().getList("");
        assertEquals(customers.size(), actions.size());
        for (Map<String, Object> action : actions) {
            Map<?, ?> decision = (Map<?, ?>) action.get("decision");
            String customer = (String) decision.get("customerId");
            boolean challenger = BucketTest.documentedBucket("job-split", customer) < 40;
            String version = started.getString(challenger ? "challengerVersion" : "championVersion");
            assertEquals(version, action.get("version"), customer);
            assertEquals(challenger ? "challenger" : "champion", decision.get("variant"), customer);
            assertEquals(version, decision.get("version"), customer);
        }
    }

    @Test
    void aStoredExperimentIsServedAgainByAFreshInstanceLoadingItFromTheDatabase() throws Exception {
        JsonPath started = start("survives", 50, null).then().statusCode(201).extract().jsonPath();
        List<String> customers = new ArrayList<>(customersIn("survives", 50, Bucket.CHAMPION, "restart-", 3));
        customers.addAll(customersIn("survives", 50, Bucket.CHALLENGER, "restart-", 3));
        List<Cart> carts = customers.stream().map(c -> new Cart("cart-" + c, c,
                List.of(new CartItem("S-1", null, 1, BigDecimal.TEN, null, null)),
                OffsetDateTime.parse(ADDED_AT), null, false, 0, null)).toList();

        // what a restarted instance does: a new bean that knows nothing but the database
        RunningExperiments fresh = new RunningExperiments(ruleSets, history, json, clock, config);
        assertNull(fresh.split(ruleSets.serving("cart"), carts));
        fresh.refresh();
        List<TrafficSplit.Part> parts = fresh.split(ruleSets.serving("cart"), carts);

        assertEquals(started.getString("challengerVersion"), parts.get(1).version().version());
        assertEquals(started.getString("championVersion"), parts.get(0).version().version());
        for (Cart cart : carts) {
            boolean challenger = BucketTest.documentedBucket("survives", cart.customerId()) < 50;
            assertTrue(parts.get(challenger ? 1 : 0).facts().contains(cart), cart.customerId());
        }
    }

    @Test
    void aSplitRightAfterTheStartWaitsForTheTableReadAtStartUp() {
        JsonPath started = start("first-read", 50, null).then().statusCode(201).extract().jsonPath();
        List<Cart> carts = customersIn("first-read", 50, Bucket.CHALLENGER, "early-", 2).stream()
                .map(c -> new Cart("cart-" + c, c, List.of(new CartItem("S-1", null, 1, BigDecimal.TEN, null, null)),
                        OffsetDateTime.parse(ADDED_AT), null, false, 0, null))
                .toList();

        // a restarted instance reads the table off the start-up path; a decision asked meanwhile waits for it
        RunningExperiments fresh = new RunningExperiments(ruleSets, history, json, clock, config);
        fresh.loadAtStartup(null);
        List<TrafficSplit.Part> parts = fresh.split(ruleSets.serving("cart"), carts);

        assertEquals(started.getString("challengerVersion"), parts.get(1).version().version());
        assertEquals(carts, parts.get(1).facts());
    }

    // ---- outcomes and results ------------------------------------------------------------------

    @Test
    void outcomesAreIdempotentAndCountOnlyForSubjectsWithADecisionInTheExperiment() {
        start("outcomes", 50, null).then().statusCode(201);
        String customer = customersIn("outcomes", 50, Bucket.CHALLENGER, "paid-", 1).get(0);
        decide(List.of(customer)).then().statusCode(200);
        Map<String, Object> paid = Map.of("ruleSet", "cart", "subject", customer, "outcome", "paid", "value", 99.5,
                "at", "2026-03-10T12:00:00+08:00");

        given().header("Authorization", "Bearer " + OpsKeyForTests.SHOP_KEY).contentType(ContentType.JSON).body(paid)
                .when().post("/api/outcomes").then().statusCode(201)
                .body("counted", equalTo(true)).body("experiment", equalTo("outcomes"))
                .body("variant", equalTo("challenger")).body("repeated", equalTo(false));
        // the same moment written with another offset is the same outcome
        Map<String, Object> again = new HashMap<>(paid);
        again.put("at", "2026-03-10T04:00:00Z");
        given().contentType(ContentType.JSON).body(again).when().post("/api/outcomes").then().statusCode(200)
                .body("repeated", equalTo(true)).body("counted", equalTo(true));
        Map<String, Object> otherValue = new HashMap<>(paid);
        otherValue.put("value", 100);
        given().contentType(ContentType.JSON).body(otherValue).when().post("/api/outcomes").then().statusCode(409)
                .body("field", equalTo("value"));
        given().contentType(ContentType.JSON)
                .body(Map.of("ruleSet", "cart", "subject", "never-decided", "outcome", "paid", "value", 10,
                        "at", "2026-03-10T12:00:00+08:00"))
                .when().post("/api/outcomes").then().statusCode(202)
                .body("counted", equalTo(false)).body("experiment", equalTo("outcomes"));
        given().contentType(ContentType.JSON).body(Map.of("ruleSet", "cart", "subject", customer, "outcome", "paid"))
                .when().post("/api/outcomes").then().statusCode(400).body("field", equalTo("at"));

        JsonPath results = given().when().get("/api/rulesets/cart/experiments/outcomes").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(1, results.getInt("variants.find { it.variant == 'challenger' }.outcomes.paid.outcomes"));
        assertNull(results.get("variants.find { it.variant == 'champion' }.outcomes.paid"), results::prettify);
    }

    @Test
    void theResultsGiveTheHandComputedConversionPValueAndInterval() {
        start("results", 50, null).then().statusCode(201);
        List<String> champions = customersIn("results", 50, Bucket.CHAMPION, "r-", 40);
        List<String> challengers = customersIn("results", 50, Bucket.CHALLENGER, "r-", 40);
        List<String> everyone = new ArrayList<>(champions);
        everyone.addAll(challengers);
        decide(everyone).then().statusCode(200);
        // 8 of 40 champion customers pay, 16 of 40 challenger customers: ConversionComparisonTest works it by hand
        for (String customer : champions.subList(0, 8)) {
            paid(customer, 100);
        }
        for (String customer : challengers.subList(0, 16)) {
            paid(customer, 100);
        }

        JsonPath results = given().when().get("/api/rulesets/cart/experiments/results").then().statusCode(200)
                .extract().jsonPath();

        String champion = "variants.find { it.variant == 'champion' }.";
        String challenger = "variants.find { it.variant == 'challenger' }.";
        assertEquals(40, results.getInt(champion + "subjects"));
        assertEquals(40, results.getInt(challenger + "subjects"));
        assertEquals(40, results.getInt(champion + "decisions.CART_REMINDER"));
        assertEquals(40, results.getInt(challenger + "decisions.CART_REMINDER"));
        assertEquals(8, results.getInt(champion + "outcomes.paid.subjects"));
        assertEquals(0.2, results.getDouble(champion + "outcomes.paid.conversionRate"), 1e-9);
        assertEquals(0.4, results.getDouble(challenger + "outcomes.paid.conversionRate"), 1e-9);
        // 8 x 100 / 40 and 16 x 100 / 40
        assertEquals(0, new BigDecimal("20").compareTo(new BigDecimal(results.getString(champion + "outcomes.paid.valuePerSubject"))));
        assertEquals(0, new BigDecimal("40").compareTo(new BigDecimal(results.getString(challenger + "outcomes.paid.valuePerSubject"))));
        assertEquals("paid", results.getString("lift[0].outcome"));
        assertEquals(1.0, results.getDouble("lift[0].lift"), 1e-9);
        assertEquals(ConversionComparisonTest.Z, results.getDouble("lift[0].z"), 1e-6);
        assertEquals(ConversionComparisonTest.P_VALUE, results.getDouble("lift[0].pValue"), 1e-6);
        assertEquals(ConversionComparisonTest.LOW, results.getDouble("lift[0].confidenceLow"), 1e-6);
        assertEquals(ConversionComparisonTest.HIGH, results.getDouble("lift[0].confidenceHigh"), 1e-6);
    }

    // ---- stop, end, promote --------------------------------------------------------------------

    @Test
    void aStoppedExperimentHandsEveryoneBackToTheChampion() {
        start("stop-me", 50, null).then().statusCode(201);
        String customer = customersIn("stop-me", 50, Bucket.CHALLENGER, "stop-", 1).get(0);

        given().when().delete("/api/rulesets/cart/experiments/stop-me").then().statusCode(200)
                .body("status", equalTo("STOPPED")).body("stoppedBy", equalTo("test-ops"));

        Map<String, Object> decision = decide(List.of(customer)).then().statusCode(200).extract().jsonPath()
                .getMap("decisions[0]");
        assertNull(decision.get("variant"));
        assertEquals(0, championCoupon.compareTo(new BigDecimal(decision.get("couponAmount").toString())));
        given().when().delete("/api/rulesets/cart/experiments/stop-me").then().statusCode(200)
                .body("status", equalTo("STOPPED"));
        given().when().post("/api/rulesets/cart/experiments/stop-me/promote").then().statusCode(409);
    }

    @Test
    void anExperimentPastEndsAtStopsItselfOnUseAndOnTheSweep() throws Exception {
        Instant endsAt = Instant.now().plusSeconds(3);
        start("ends-on-use", 50, endsAt.toString()).then().statusCode(201);
        String customer = customersIn("ends-on-use", 50, Bucket.CHALLENGER, "end-", 1).get(0);
        waitUntil(endsAt);

        Map<String, Object> decision = decide(List.of(customer)).then().statusCode(200).extract().jsonPath()
                .getMap("decisions[0]");

        assertNull(decision.get("variant"));
        given().when().get("/api/rulesets/cart/experiments/ends-on-use").then().statusCode(200)
                .body("status", equalTo("ENDED")).body("stoppedBy", equalTo("endsAt"));

        Instant later = Instant.now().plusSeconds(3);
        start("ends-on-sweep", 50, later.toString()).then().statusCode(201);
        waitUntil(later);
        // no decision asks for it: the refresh every instance runs on a schedule finds it past its end
        new RunningExperiments(ruleSets, history, json, clock, config).refresh();
        JsonPath listed = given().when().get("/api/rulesets/cart/experiments").then().statusCode(200).extract().jsonPath();
        assertEquals("ENDED", listed.getString("find { it.name == 'ends-on-sweep' }.status"));
    }

    @Test
    void promotionMakesTheChallengerTheRuleSetsFilesRecordedAsPromotion() throws Exception {
        JsonPath started = start("promote-me", 50, null).then().statusCode(201).extract().jsonPath();
        String challengerVersion = started.getString("challengerVersion");

        given().when().post("/api/rulesets/cart/experiments/promote-me/promote").then().statusCode(200)
                .body("status", equalTo("PROMOTED")).body("stoppedBy", equalTo("test-ops"));

        assertEquals(challengerVersion, servingVersion());
        assertEquals(challengerReminders, Files.readString(REMINDERS));
        assertEquals(challengerScenario, Files.readString(ExperimentRuleFolder.SCENARIOS.resolve("cart")
                .resolve("reminder-and-nudge-together.yaml")));
        JsonPath versions = given().when().get("/api/rulesets/cart/versions").then().statusCode(200).extract().jsonPath();
        assertEquals(challengerVersion, versions.getString("[0].version"));
        assertEquals("PROMOTION", versions.getString("[0].source"));
        assertEquals("test-ops", versions.getString("[0].author"));
        Map<String, Object> decision = decide(List.of(customersIn("promote-me", 50, Bucket.CHAMPION, "p-", 1).get(0)))
                .then().statusCode(200).extract().jsonPath().getMap("decisions[0]");
        assertNull(decision.get("variant"));
        assertEquals(0, challengerCoupon.compareTo(new BigDecimal(decision.get("couponAmount").toString())));
        given().when().post("/api/rulesets/cart/experiments/promote-me/promote").then().statusCode(409);
    }

    @Test
    void aRefusedPromotionLeavesFilesServingVersionHistoryAndExperimentAsTheyWere() throws Exception {
        JsonPath started = start("refused", 50, null).then().statusCode(201).extract().jsonPath();
        String championVersion = started.getString("championVersion");
        Path championCase = ExperimentRuleFolder.SCENARIOS.resolve("cart").resolve("champion-coupon.yaml");
        // a case added on disk since the experiment started holds the champion's coupon: the challenger fails it
        ExperimentRuleFolder.write(championCase, """
                now: '%s'
                facts:
                - {cartId: cc-1, customerId: cc-1, items: [{skuId: S-1, quantity: 1, unitPrice: 10}], addedAt: '%s'}
                expect:
                - {type: CART_REMINDER, cartId: cc-1, couponAmount: %s}
                """.formatted(NOW, ADDED_AT, championCoupon));
        given().when().post("/api/rulesets/reload").then().statusCode(200);
        String historyBefore = given().when().get("/api/rulesets/cart/versions").then().extract().asString();

        given().when().post("/api/rulesets/cart/experiments/refused/promote").then().statusCode(422)
                .body("errors[0].file", equalTo("scenarios/cart/champion-coupon.yaml"));

        assertUnchanged(championVersion, historyBefore, "refused");

        // the champion changed since the experiment started: promoting would measure against the wrong one
        Files.delete(championCase);
        given().when().post("/api/rulesets/reload").then().statusCode(200);
        String freeShipping = Files.readString(ExperimentRuleFolder.RULES.resolve("cart").resolve("free-shipping.drl"));
        String edited = given().contentType(ContentType.JSON)
                .body(Map.of("baseVersion", championVersion, "files", Map.of("free-shipping.drl", freeShipping + "\n// reworded\n")))
                .when().post("/api/rulesets/cart/activate").then().statusCode(200).extract().path("version");
        String editedHistory = given().when().get("/api/rulesets/cart/versions").then().extract().asString();

        given().when().post("/api/rulesets/cart/experiments/refused/promote").then().statusCode(409);

        assertUnchanged(edited, editedHistory, "refused");
    }

    private void assertUnchanged(String servingVersion, String history, String experiment) throws Exception {
        assertEquals(servingVersion, servingVersion());
        assertEquals(Files.readString(FIXTURE_REMINDERS), Files.readString(REMINDERS));
        assertEquals(history, given().when().get("/api/rulesets/cart/versions").then().extract().asString());
        given().when().get("/api/rulesets/cart/experiments/" + experiment).then().statusCode(200)
                .body("status", equalTo("RUNNING"));
        String customer = customersIn(experiment, 50, Bucket.CHALLENGER, "u-", 1).get(0);
        assertEquals("challenger", decide(List.of(customer)).then().statusCode(200).extract().path("decisions[0].variant"));
    }

    // ---- helpers -------------------------------------------------------------------------------

    private Response start(String name, int share, String endsAt) {
        Map<String, Object> body = new HashMap<>(Map.of("files", Map.of("reminders.drl", challengerReminders),
                "scenarios", Map.of("reminder-and-nudge-together.yaml", challengerScenario),
                "share", share, "subjectField", "customerId"));
        if (endsAt != null) {
            body.put("endsAt", endsAt);
        }
        return given().contentType(ContentType.JSON).body(body).when().put("/api/rulesets/cart/experiments/" + name);
    }

    /** {@code count} customer ids, by the test's own hash, in {@code variant} of experiment {@code name}. */
    private static List<String> customersIn(String name, int share, String variant, String prefix, int count) {
        List<String> found = new ArrayList<>();
        for (int i = 0; found.size() < count; i++) {
            String customer = prefix + name + "-" + i;
            boolean challenger = BucketTest.documentedBucket(name, customer) < share;
            if (challenger == Bucket.CHALLENGER.equals(variant)) {
                found.add(customer);
            }
        }
        return found;
    }

    private static Map<String, Object> cart(String customer, String addedAt) {
        return Map.of("cartId", "cart-" + customer, "customerId", customer,
                "items", List.of(Map.of("skuId", "S-1", "quantity", 1, "unitPrice", 10)), "addedAt", addedAt);
    }

    private static Response decide(List<String> customers) {
        List<Map<String, Object>> carts = customers.stream().map(c -> cart(c, ADDED_AT)).toList();
        return given().header("Authorization", "Bearer " + OpsKeyForTests.SHOP_KEY).contentType(ContentType.JSON)
                .body(Map.of("now", NOW, "facts", carts)).when().post("/api/rulesets/cart/decisions");
    }

    private static void paid(String customer, int value) {
        given().contentType(ContentType.JSON).body(Map.of("ruleSet", "cart", "subject", customer, "outcome", "paid",
                "value", value, "at", "2026-03-10T13:00:00+08:00")).when().post("/api/outcomes").then().statusCode(201);
    }

    private static Map<String, Object> lastDecision(String customer) {
        List<Map<String, Object>> logged = given().queryParam("subject", "cart-" + customer).when().get("/api/decisions")
                .then().statusCode(200).extract().jsonPath().getList("");
        return logged.isEmpty() ? Map.of() : logged.get(0);
    }

    private static String servingVersion() {
        return given().when().get("/api/rulesets").then().statusCode(200).extract().path("find { it.name == 'cart' }.version");
    }

    private static void waitUntil(Instant moment) throws InterruptedException {
        while (!Instant.now().isAfter(moment)) {
            Thread.sleep(50);
        }
    }
}
