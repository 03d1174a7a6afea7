package io.shoprules.actions;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What happens to an action after the job that decided it (docs/actions.md), through HTTP and the
 * database, on the tests' own rule sets and actions.yaml files ({@link LifecycleProfile}): episodes,
 * re-checks, contact caps, quiet hours and expiry. The numbers come from the fixtures: a 7-day cover
 * target, a reminder after 1 h whose coupon lapses 3 h later, gold at 4 orders, and contact caps of
 * 1 message a day and 2 a week with quiet hours 23:00-07:00 (src/test/resources/fixtures/rules).
 */
@QuarkusTest
@TestProfile(LifecycleProfile.class)
class ActionLifecycleTest {

    /** A Tuesday, 10:00 in Shanghai. */
    private static final OffsetDateTime TUESDAY_10 = OffsetDateTime.parse("2026-03-10T10:00:00+08:00");

    @Inject
    TestClock clock;

    @Inject
    ReleaseGate gate;

    @Inject
    WebhookDelivery delivery;

    @BeforeEach
    void emptyTables() throws SQLException {
        try (Connection connection = Arc.container().instance(DataSource.class).get().getConnection();
             Statement statement = connection.createStatement()) {
            for (String table : List.of("stored_fact", "action", "job_run", "action_episode", "contact_customer")) {
                statement.executeUpdate("delete from " + table);
            }
        }
        clock.set(TUESDAY_10);
    }

    @Test
    void aRestockEpisodeCreatesOneActionOverSeveralRunsAndDaysAndReArmsOnlyAfterClearing() {
        // 5 on hand at 10 a day cover half a day, under the 7-day target: the restock condition starts
        storeSku(5);
        runJob("inventory");
        runJob("inventory");
        clock.set(TUESDAY_10.plusDays(1));
        runJob("inventory");
        clock.set(TUESDAY_10.plusDays(2));
        runJob("inventory");
        assertEquals(List.of("RESTOCK:ep-sku:episode:1"), keys("RESTOCK", "ep-sku"));

        // 100 on hand cover 10 days: a scan sees the condition cleared, and no action comes of it
        storeSku(100);
        runJob("inventory");
        assertEquals(1, keys("RESTOCK", "ep-sku").size());

        // it starts again: a second episode, a second action, and again only one
        storeSku(5);
        runJob("inventory");
        clock.set(TUESDAY_10.plusDays(3));
        runJob("inventory");
        assertEquals(List.of("RESTOCK:ep-sku:episode:1", "RESTOCK:ep-sku:episode:2"), keys("RESTOCK", "ep-sku"));
    }

    @Test
    void aReminderIsCancelledWhenTheCartIsRePostedPaid() {
        storeCart("paid-cart", "cu-paid", TUESDAY_10.minusHours(2), null);
        runJob("cart");
        Map<String, Object> held = onlyAction("CART_REMINDER", "paid-cart");
        assertEquals("HELD", held.get("status"));
        assertEquals("cu-paid", held.get("customer"));

        assertEquals(1, gate.releaseDue());
        assertEquals("PENDING", onlyAction("CART_REMINDER", "paid-cart").get("status"));

        // paid 30 minutes later: the re-post alone cancels it, before any pull or push
        clock.set(TUESDAY_10.plusMinutes(30));
        storeCart("paid-cart", "cu-paid", TUESDAY_10.minusHours(2), TUESDAY_10.plusMinutes(20));
        Map<String, Object> cancelled = onlyAction("CART_REMINDER", "paid-cart");
        assertEquals("CANCELLED", cancelled.get("status"));
        assertTrue(((String) cancelled.get("reason")).startsWith("no longer decided by "), () -> "reason: " + cancelled.get("reason"));
        assertTrue(((String) cancelled.get("reason")).endsWith(": the fact changed"), () -> "reason: " + cancelled.get("reason"));
        given().queryParam("status", "CANCELLED").queryParam("subject", "paid-cart").get("/api/actions")
                .then().statusCode(200).body("size()", equalTo(1)).body("[0].reason", equalTo(cancelled.get("reason")));
        given().queryParam("status", "PENDING").queryParam("subject", "paid-cart").get("/api/actions")
                .then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aReminderStillDueSurvivesARePostOfTheUnpaidCart() {
        storeCart("open-cart", "cu-open", TUESDAY_10.minusHours(2), null);
        runJob("cart");
        gate.releaseDue();
        // the shop posts the cart again, unchanged for it (its own copy knows nothing of reminders sent)
        storeCart("open-cart", "cu-open", TUESDAY_10.minusHours(2), null);
        Map<String, Object> action = onlyAction("CART_REMINDER", "open-cart");
        assertEquals("PENDING", action.get("status"));
        assertNull(action.get("reason"));
    }

    @Test
    void aReminderForACartForgottenBeforeThePushIsCancelledAtPushTimeAndNeverSent() throws InterruptedException {
        storeCart("gone-cart", "cu-gone", TUESDAY_10.minusHours(2), null);
        runJob("cart");
        gate.releaseDue();
        String key = (String) onlyAction("CART_REMINDER", "gone-cart").get("idempotencyKey");
        // the shop forgets the cart it saw paid (DELETE fires no re-check: the push does it)
        given().delete("/api/facts/cart/gone-cart").then().statusCode(204);
        assertEquals("PENDING", onlyAction("CART_REMINDER", "gone-cart").get("status"));

        delivery.deliverDue();
        Map<String, Object> after = awaitSettled("gone-cart");
        assertEquals("CANCELLED", after.get("status"));
        assertTrue(((String) after.get("reason")).endsWith(": the fact is no longer stored"), () -> "reason: " + after.get("reason"));
        assertFalse(WebhookReceiver.Control.accepted().contains(key), "the webhook received the cancelled reminder");
    }

    @Test
    void aReminderStillDueIsPushed() throws InterruptedException {
        storeCart("pushed-cart", "cu-pushed", TUESDAY_10.minusHours(2), null);
        runJob("cart");
        gate.releaseDue();
        String key = (String) onlyAction("CART_REMINDER", "pushed-cart").get("idempotencyKey");
        delivery.deliverDue();
        assertEquals("DELIVERED", awaitSettled("pushed-cart").get("status"));
        assertTrue(WebhookReceiver.Control.accepted().contains(key));
    }

    @Test
    void theCapsSuppressTheLowestPriorityFirstAcrossTwoRuleSets() {
        // the level-up (priority 10) is decided before the reminder (priority 50), for the same customer
        storeShopper("cu-both", 4);
        runJob("loyalty");
        storeCart("capped-cart", "cu-both", TUESDAY_10.minusHours(2), null);
        runJob("cart");

        // 1 message a day: the reminder goes, the level-up is suppressed
        assertEquals(1, gate.releaseDue());
        assertEquals("PENDING", onlyAction("CART_REMINDER", "capped-cart").get("status"));
        Map<String, Object> levelUp = onlyAction("LEVEL_UP", "cu-both");
        assertEquals("SUPPRESSED", levelUp.get("status"));
        assertTrue(((String) levelUp.get("reason")).startsWith("DAILY_CAP"), () -> "reason: " + levelUp.get("reason"));
        assertEquals(0, gate.releaseDue());
    }

    @Test
    void theWeeklyCapCountsTheDaysBefore() {
        // one message on Tuesday and one on Wednesday fill the 2 a week; Thursday's is suppressed
        for (int day = 0; day < 3; day++) {
            clock.set(TUESDAY_10.plusDays(day));
            storeCart("week-cart-" + day, "cu-week", TUESDAY_10.plusDays(day).minusHours(2), null);
            runJob("cart");
            gate.releaseDue();
            // the shop forgets each cart after its day, so no second reminder joins the count
            given().delete("/api/facts/cart/week-cart-" + day).then().statusCode(204);
        }
        assertEquals("PENDING", onlyAction("CART_REMINDER", "week-cart-0").get("status"));
        assertEquals("PENDING", onlyAction("CART_REMINDER", "week-cart-1").get("status"));
        Map<String, Object> third = onlyAction("CART_REMINDER", "week-cart-2");
        assertEquals("SUPPRESSED", third.get("status"));
        assertTrue(((String) third.get("reason")).startsWith("WEEKLY_CAP"), () -> "reason: " + third.get("reason"));
    }

    @Test
    void aMessageDueInQuietHoursWaitsForTheirEndAndThenGoes() {
        OffsetDateTime night = OffsetDateTime.parse("2026-03-10T23:30:00+08:00");
        clock.set(night);
        storeShopper("cu-night", 5);
        runJob("loyalty");
        assertEquals(0, gate.releaseDue());
        Map<String, Object> held = onlyAction("LEVEL_UP", "cu-night");
        assertEquals("HELD", held.get("status"));
        assertEquals(OffsetDateTime.parse("2026-03-11T07:00:00+08:00").toInstant(),
                OffsetDateTime.parse((String) held.get("releaseAt")).toInstant());
        assertEquals("quiet hours until 07:00", held.get("reason"));

        clock.set(OffsetDateTime.parse("2026-03-11T06:59:00+08:00"));
        assertEquals(0, gate.releaseDue());
        assertEquals("HELD", onlyAction("LEVEL_UP", "cu-night").get("status"));

        clock.set(OffsetDateTime.parse("2026-03-11T07:00:00+08:00"));
        assertEquals(1, gate.releaseDue());
        Map<String, Object> released = onlyAction("LEVEL_UP", "cu-night");
        assertEquals("PENDING", released.get("status"));
        assertNull(released.get("reason"));
        assertEquals(0, gate.releaseDue());
    }

    @Test
    void aHeldReminderWhoseCouponLapsesInTheQuietHoursExpires() {
        // decided at 23:30, its coupon lapses 3 h later at 02:30, before the quiet hours end at 07:00
        OffsetDateTime night = OffsetDateTime.parse("2026-03-10T23:30:00+08:00");
        clock.set(night);
        storeCart("night-cart", "cu-late", night.minusHours(2), null);
        runJob("cart");
        gate.releaseDue();
        assertEquals("HELD", onlyAction("CART_REMINDER", "night-cart").get("status"));

        clock.set(OffsetDateTime.parse("2026-03-11T07:00:00+08:00"));
        assertEquals(0, gate.releaseDue());
        Map<String, Object> expired = onlyAction("CART_REMINDER", "night-cart");
        assertEquals("EXPIRED", expired.get("status"));
        assertTrue(((String) expired.get("reason")).startsWith("expired at "), () -> "reason: " + expired.get("reason"));
    }

    /** Two release gates at once (two instances on one database): the caps still hold for every customer. */
    @Test
    void twoGatesReleasingAtOnceLetEachCustomerHaveOneMessageADay() throws Exception {
        int customers = 20;
        StringBuilder shoppers = new StringBuilder();
        StringBuilder carts = new StringBuilder();
        for (int i = 0; i < customers; i++) {
            String comma = i == 0 ? "" : ",";
            shoppers.append(comma).append("{\"shopperId\": \"race-%d\", \"orders\": 4}".formatted(i));
            carts.append(comma).append("""
                    {"cartId": "race-cart-%d", "customerId": "race-%d", "addedAt": "%s",
                     "items": [{"skuId": "s", "title": "围巾", "quantity": 1, "unitPrice": 99}]}""".formatted(i, i, TUESDAY_10.minusHours(2)));
        }
        given().contentType(ContentType.JSON).body("{\"facts\": [" + shoppers + "]}").put("/api/facts/loyalty").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"facts\": [" + carts + "]}").put("/api/facts/cart").then().statusCode(200);
        runJob("loyalty");
        runJob("cart");

        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.CompletableFuture<Integer>> gates = java.util.stream.IntStream.range(0, 2)
                .mapToObj(i -> java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return gate.releaseDue();
                })).toList();
        start.countDown();
        int released = 0;
        for (java.util.concurrent.CompletableFuture<Integer> released1 : gates) {
            released += released1.get(2, java.util.concurrent.TimeUnit.MINUTES);
        }
        // a customer one of the gates gave up on after repeated conflicts is released by the next tick
        released += gate.releaseDue();

        assertEquals(customers, released);
        for (int i = 0; i < customers; i++) {
            assertEquals("PENDING", onlyAction("CART_REMINDER", "race-cart-" + i).get("status"));
            assertEquals("SUPPRESSED", onlyAction("LEVEL_UP", "race-" + i).get("status"));
        }
    }

    private void storeSku(int onHand) {
        given().contentType(ContentType.JSON)
                .body("""
                        {"facts": [{"skuId": "ep-sku", "onHand": %d, "avgDailySales": 10, "leadTimeDays": 3}]}""".formatted(onHand))
                .put("/api/facts/inventory").then().statusCode(200);
    }

    private void storeCart(String cartId, String customer, OffsetDateTime addedAt, OffsetDateTime paidAt) {
        given().contentType(ContentType.JSON)
                .body("""
                        {"facts": [{"cartId": "%s", "customerId": "%s", "smsConsent": true, "addedAt": "%s",%s
                                    "items": [{"skuId": "s", "title": "围巾", "quantity": 1, "unitPrice": 99}]}]}"""
                        .formatted(cartId, customer, addedAt, paidAt == null ? "" : " \"paidAt\": \"" + paidAt + "\","))
                .put("/api/facts/cart").then().statusCode(200);
    }

    private void storeShopper(String shopperId, int orders) {
        given().contentType(ContentType.JSON)
                .body("""
                        {"facts": [{"shopperId": "%s", "orders": %d}]}""".formatted(shopperId, orders))
                .put("/api/facts/loyalty").then().statusCode(200);
    }

    private static void runJob(String ruleSet) {
        given().post("/api/jobs/" + ruleSet + "/run").then().statusCode(200).body("errors", equalTo(0));
    }

    private static List<Map<String, Object>> actions(String type, String subject) {
        return given().queryParam("type", type).queryParam("subject", subject).get("/api/actions")
                .then().statusCode(200).extract().jsonPath().getList("");
    }

    private static List<String> keys(String type, String subject) {
        return actions(type, subject).stream().map(action -> (String) action.get("idempotencyKey")).sorted().toList();
    }

    private static Map<String, Object> onlyAction(String type, String subject) {
        List<Map<String, Object>> found = actions(type, subject);
        assertEquals(1, found.size(), () -> "actions of " + type + " " + subject + ": " + found);
        return found.get(0);
    }

    /** The action once its push has settled (it is no longer PENDING), within a generous bound. */
    private static Map<String, Object> awaitSettled(String subject) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonPath actions = given().queryParam("subject", subject).get("/api/actions").then().extract().jsonPath();
            Map<String, Object> action = actions.getMap("[0]");
            if (!"PENDING".equals(action.get("status")) || System.nanoTime() > deadline) {
                return action;
            }
            Thread.sleep(50);
        }
    }
}
