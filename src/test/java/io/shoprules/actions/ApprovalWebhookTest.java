package io.shoprules.actions;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static io.restassured.RestAssured.given;
import static io.shoprules.coupons.Goodwill.action;
import static io.shoprules.coupons.Goodwill.goodwillCase;
import static io.shoprules.coupons.Goodwill.storeAndRun;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * With a real webhook receiver (the profile of WebhookDeliveryTest, so the same application serves
 * both): an action waiting for approval is never pushed, while the actions created beside it are; once
 * approved, it is pushed like any other.
 */
@QuarkusTest
@TestProfile(WebhookDeliveryTest.WebhookProfile.class)
class ApprovalWebhookTest {

    private static final OffsetDateTime IN_TWO_DAYS = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2);

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        fail("timed out waiting until " + what);
    }

    private static String status(Map<String, Object> action) {
        return (String) given().get("/api/actions/" + action.get("id")).then().extract().path("status");
    }

    @Test
    void anActionWaitingForApprovalIsPushedOnlyOnceApproved() throws InterruptedException {
        // the big voucher waits; the gift of the same case and the small voucher go out at once
        storeAndRun(goodwillCase("awh-big", "c-awh", "150", IN_TWO_DAYS, "5"),
                goodwillCase("awh-small", "c-awh2", "20", IN_TWO_DAYS, null));
        Map<String, Object> waiting = action("VOUCHER", "awh-big");
        Map<String, Object> gift = action("GIFT", "awh-big");
        Map<String, Object> small = action("VOUCHER", "awh-small");
        assertEquals("PENDING_APPROVAL", waiting.get("status"));

        await("the actions beside it are delivered", () -> "DELIVERED".equals(status(gift)) && "DELIVERED".equals(status(small)));
        // the delivery loop has pushed what was due after the waiting action was created, and passed it by
        assertEquals("PENDING_APPROVAL", status(waiting));
        assertFalse(WebhookReceiver.Control.accepted().contains((String) waiting.get("idempotencyKey")));
        assertTrue(WebhookReceiver.Control.accepted().contains((String) gift.get("idempotencyKey")));

        given().post("/api/actions/" + waiting.get("id") + "/approve").then().statusCode(200)
                .body("approval.decidedBy", equalTo("test-ops"));
        await("the approved action is delivered", () -> "DELIVERED".equals(status(waiting)));
        assertTrue(WebhookReceiver.Control.accepted().contains((String) waiting.get("idempotencyKey")));
        given().get("/api/actions/" + waiting.get("id")).then().body("approval.verdict", equalTo("APPROVED"));
    }
}
