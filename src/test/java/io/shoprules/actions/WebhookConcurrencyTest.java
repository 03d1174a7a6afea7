package io.shoprules.actions;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.shoprules.jobs.StoredInventory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A receiver that hangs on some actions does not hold up the others. The hanging requests are held
 * until every other action has arrived: pushed one after another, the others would never arrive while
 * the first hung request waits (the timeout is longer than the receiver's safety minute), and that
 * request would be released by the safety limit instead.
 */
@QuarkusTest
@TestProfile(WebhookConcurrencyTest.ConcurrentPushes.class)
class WebhookConcurrencyTest {

    public static class ConcurrentPushes implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("shoprules.webhook.url", WebhookReceiver.url()),
                    Map.entry("shoprules.webhook.timeout", "90s"),
                    Map.entry("shoprules.webhook.poll-interval", "1s"),
                    Map.entry("shoprules.webhook.concurrency", "4"),
                    Map.entry("%test.quarkus.datasource.jdbc.url", "jdbc:h2:mem:webhook-concurrency;DB_CLOSE_DELAY=-1"));
        }
    }

    @Test
    void aReceiverHangingOnSomeActionsDoesNotDelayTheOthers() throws InterruptedException {
        given().contentType(ContentType.JSON).body(StoredInventory.body("wc", 0, 16))
                .put("/api/facts/inventory").then().statusCode(200);
        // 8 actions: the first 2 pushes hang until the other 6 have been accepted
        WebhookReceiver.Control.holdNext(2, 6);
        given().post("/api/jobs/inventory/run").then().statusCode(200);

        long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (delivered() < 8) {
            if (System.nanoTime() > until) {
                fail("8 actions were not all delivered: " + delivered());
            }
            Thread.sleep(200);
        }
        assertArrayEquals(new int[] {2, 0}, WebhookReceiver.Control.held(),
                "both hanging pushes were released by the other six arriving, none by the safety limit");
        for (Map<String, Object> action : actions()) {
            assertTrue(WebhookReceiver.Control.accepted().contains((String) action.get("idempotencyKey")), () -> "received " + action);
        }
    }

    private static List<Map<String, Object>> actions() {
        List<Map<String, Object>> actions = given().queryParam("size", 1000).get("/api/actions").then().statusCode(200)
                .extract().jsonPath().getList("");
        return actions.stream().filter(action -> ((String) action.get("subject")).startsWith("wc-")).toList();
    }

    private static long delivered() {
        return actions().stream().filter(action -> "DELIVERED".equals(action.get("status"))).count();
    }
}
