package io.shoprules.actions;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.shoprules.jobs.StoredInventory;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * End to end with a real HTTP receiver: stored facts → the scheduled inventory scan → outbox →
 * POST with an Idempotency-Key, through failures, time-outs and a long outage.
 */
@QuarkusTest
@TestProfile(WebhookDeliveryTest.WebhookProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookDeliveryTest {

    public static class WebhookProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("shoprules.webhook.url", WebhookReceiver.url()),
                    Map.entry("shoprules.webhook.timeout", "1s"),
                    Map.entry("shoprules.webhook.poll-interval", "1s"),
                    Map.entry("shoprules.webhook.max-attempts", "3"),
                    Map.entry("shoprules.webhook.initial-backoff", "PT0.2S"),
                    Map.entry("shoprules.webhook.max-backoff", "PT1S"),
                    Map.entry("shoprules.jobs.enabled", "true"),
                    Map.entry("shoprules.jobs.inventory.cron", "0/2 * * * * ?"),
                    // On H2, a database of its own: the scheduled scan must not meet other tests' facts.
                    // (Under -Dquarkus.test.profile=pgtest the %pgtest URL wins, and Flyway cleans at start.)
                    Map.entry("%test.quarkus.datasource.jdbc.url", "jdbc:h2:mem:webhooks;DB_CLOSE_DELAY=-1"));
        }
    }


    private static void store(String prefix, int count) {
        given().contentType(ContentType.JSON).body(StoredInventory.body(prefix, 0, count))
                .put("/api/facts/inventory").then().statusCode(200);
    }

    private static List<Map<String, Object>> actionsOf(String prefix) {
        List<Map<String, Object>> all = given().queryParam("size", 1000).get("/api/actions").then().statusCode(200)
                .extract().jsonPath().getList("");
        return all.stream().filter(action -> ((String) action.get("subject")).startsWith(prefix + "-")).toList();
    }

    private static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < until) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        fail("timed out waiting until " + what);
    }

    private static boolean all(String prefix, int count, String status) {
        List<Map<String, Object>> actions = actionsOf(prefix);
        return actions.size() == count && actions.stream().allMatch(action -> status.equals(action.get("status")));
    }

    @Test
    @Order(1)
    void theScheduledScanPushesEveryActionOnceTheWebhookRecovers() throws InterruptedException {
        WebhookReceiver.Control.failNext(4);
        store("wh-a", 8); // 4 actions
        await("4 actions of wh-a are DELIVERED", Duration.ofSeconds(40), () -> all("wh-a", 4, "DELIVERED"));

        for (Map<String, Object> action : actionsOf("wh-a")) {
            assertTrue(WebhookReceiver.Control.accepted().contains((String) action.get("idempotencyKey")), () -> "received " + action);
        }
        assertTrue(WebhookReceiver.Control.failed() >= 4);
        given().get("/api/jobs/inventory").then()
                .body("scheduled", equalTo(true))
                .body("cron", equalTo("0/2 * * * * ?"))
                .body("lastRuns.triggeredBy", hasItem("SCHEDULE"));
        // Scans kept running on their schedule meanwhile: still one action per SKU and day.
        assertEquals(4, actionsOf("wh-a").size());
    }

    @Test
    @Order(2)
    void aWebhookThatTimesOutIsRetried() throws InterruptedException {
        WebhookReceiver.Control.hangNext(2, 2_500);
        store("wh-b", 4); // 2 actions
        await("2 actions of wh-b are DELIVERED", Duration.ofSeconds(40), () -> all("wh-b", 2, "DELIVERED"));
        for (Map<String, Object> action : actionsOf("wh-b")) {
            assertTrue(WebhookReceiver.Control.accepted().contains((String) action.get("idempotencyKey")));
        }
    }

    @Test
    @Order(3)
    void aWebhookThatKeepsFailingLeavesActionsFailedVisibleAndRetriable() throws InterruptedException {
        WebhookReceiver.Control.failAll(true);
        store("wh-c", 6); // 4 actions
        await("4 actions of wh-c are FAILED", Duration.ofSeconds(40), () -> all("wh-c", 4, "FAILED"));
        given().queryParam("status", "FAILED").get("/api/actions").then()
                .body("attempts", hasItem(3))
                .body("lastError", hasItem(containsString("HTTP 500")));
        for (Map<String, Object> action : actionsOf("wh-c")) {
            assertTrue(!WebhookReceiver.Control.accepted().contains((String) action.get("idempotencyKey")));
        }

        WebhookReceiver.Control.failAll(false);
        for (Map<String, Object> action : actionsOf("wh-c")) {
            given().post("/api/actions/" + action.get("id") + "/retry").then().statusCode(200)
                    .body("status", equalTo("PENDING")).body("attempts", equalTo(0));
        }
        await("4 actions of wh-c are DELIVERED", Duration.ofSeconds(40), () -> all("wh-c", 4, "DELIVERED"));
        for (Map<String, Object> action : actionsOf("wh-c")) {
            assertTrue(WebhookReceiver.Control.accepted().contains((String) action.get("idempotencyKey")));
        }
    }
}
