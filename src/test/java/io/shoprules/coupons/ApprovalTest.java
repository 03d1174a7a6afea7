package io.shoprules.coupons;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.shoprules.StartsFromEmptyTables;
import io.shoprules.api.OpsKeyForTests;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static io.restassured.RestAssured.given;
import static io.shoprules.coupons.Goodwill.action;
import static io.shoprules.coupons.Goodwill.code;
import static io.shoprules.coupons.Goodwill.goodwillCase;
import static io.shoprules.coupons.Goodwill.storeAndRun;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Approvals above the cap of the tests' own goodwill rule set (a VOUCHER above 100 yuan waits): the
 * action waits as PENDING_APPROVAL and is not pulled; an ops key approves or rejects it, recorded with
 * the key's name; a rejection voids its coupon. (Delivery by the webhook: ApprovalWebhookTest.)
 */
@QuarkusTest
class ApprovalTest implements StartsFromEmptyTables {

    private static final String PROBLEM = "application/problem+json";
    private static final OffsetDateTime IN_TWO_DAYS = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2);

    private static int idOf(String type, String caseId) {
        return ((Number) action(type, caseId).get("id")).intValue();
    }

    @Test
    void anAmountAboveTheCapWaitsForApprovalAndIsNotPulled() {
        storeAndRun(goodwillCase("ap-big", "c1", "150", IN_TWO_DAYS, null),
                goodwillCase("ap-cap", "c2", "100", IN_TWO_DAYS, null));
        given().get("/api/actions/" + idOf("VOUCHER", "ap-big")).then().statusCode(200)
                .body("status", equalTo("PENDING_APPROVAL")).body("approval", nullValue())
                .body("decision.coupon.code", notNullValue());
        // its code exists but cannot be redeemed before the approval
        String code = code("VOUCHER", "ap-big");
        given().get("/api/coupons/" + code).then().body("status", equalTo("PENDING_APPROVAL"));
        given().header("Authorization", "Bearer " + OpsKeyForTests.SHOP_KEY).contentType(ContentType.JSON)
                .body("{\"orderId\": \"too-early\"}").post("/api/coupons/" + code + "/redeem")
                .then().statusCode(409).contentType(PROBLEM).body("detail", containsString("PENDING_APPROVAL"));
        // exactly at the cap is not above it
        given().get("/api/actions/" + idOf("VOUCHER", "ap-cap")).then().body("status", equalTo("PENDING"));
        given().get("/api/coupons/" + code("VOUCHER", "ap-cap")).then().body("status", equalTo("ISSUED"));
        given().queryParam("status", "PENDING").queryParam("type", "VOUCHER").get("/api/actions").then()
                .body("subject", not(hasItem("ap-big")));
        given().queryParam("status", "PENDING_APPROVAL").get("/api/actions").then()
                .body("subject", hasItem("ap-big"));
    }

    @Test
    void anOpsKeyApprovesWithItsNameAndNoteAndTheActionGoesOnToDelivery() {
        storeAndRun(goodwillCase("ap-yes", "c3", "150", IN_TWO_DAYS, null));
        int id = idOf("VOUCHER", "ap-yes");
        given().header("Authorization", "Bearer " + OpsKeyForTests.SHOP_KEY).post("/api/actions/" + id + "/approve")
                .then().statusCode(403).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body("{\"note\": \"the order was 2,000 yuan\"}")
                .post("/api/actions/" + id + "/approve").then().statusCode(200)
                .body("status", equalTo("PENDING"))
                .body("approval.verdict", equalTo("APPROVED"))
                .body("approval.decidedBy", equalTo("test-ops"))
                .body("approval.decidedAt", notNullValue())
                .body("approval.note", equalTo("the order was 2,000 yuan"));
        // the same verdict again is answered as it stands; the other one is refused naming the status
        given().post("/api/actions/" + id + "/approve").then().statusCode(200)
                .body("approval.note", equalTo("the order was 2,000 yuan"));
        given().post("/api/actions/" + id + "/reject").then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("PENDING"));
        given().queryParam("status", "PENDING").queryParam("subject", "ap-yes").get("/api/actions").then()
                .body("subject", hasItem("ap-yes"));
        // its coupon is as good as any now
        given().get("/api/coupons/" + code("VOUCHER", "ap-yes")).then().body("status", equalTo("ISSUED"));
        given().header("Authorization", "Bearer " + OpsKeyForTests.SHOP_KEY).contentType(ContentType.JSON)
                .body("{\"orderId\": \"ap-order\"}").post("/api/coupons/" + code("VOUCHER", "ap-yes") + "/redeem")
                .then().statusCode(200);
    }

    @Test
    void aRejectionIsRecordedAndVoidsTheCoupon() {
        storeAndRun(goodwillCase("ap-no", "c4", "150", IN_TWO_DAYS, null));
        int id = idOf("VOUCHER", "ap-no");
        String code = code("VOUCHER", "ap-no");
        given().post("/api/actions/" + id + "/reject").then().statusCode(200)
                .body("status", equalTo("REJECTED"))
                .body("approval.verdict", equalTo("REJECTED"))
                .body("approval.decidedBy", equalTo("test-ops"))
                .body("approval.note", nullValue());
        given().get("/api/coupons/" + code).then().body("status", equalTo("VOID"))
                .body("voidReason", containsString("rejected by test-ops"));
        given().header("Authorization", "Bearer " + OpsKeyForTests.SHOP_KEY).contentType(ContentType.JSON)
                .body("{\"orderId\": \"ap-order-2\"}").post("/api/coupons/" + code + "/redeem")
                .then().statusCode(409).contentType(PROBLEM).body("detail", containsString("VOID"));
        given().post("/api/actions/" + id + "/reject").then().statusCode(200).body("status", equalTo("REJECTED"));
        given().post("/api/actions/" + id + "/approve").then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("REJECTED"));
        given().post("/api/actions/" + id + "/retry").then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void onlyAnActionWaitingForApprovalCanBeApprovedAndAnUnknownOneIsNotFound() {
        storeAndRun(goodwillCase("ap-small", "c5", "20", IN_TWO_DAYS, null));
        int id = idOf("VOUCHER", "ap-small");
        given().post("/api/actions/" + id + "/approve").then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("is PENDING"));
        given().post("/api/actions/" + id + "/reject").then().statusCode(409).contentType(PROBLEM);
        given().post("/api/actions/987654321/approve").then().statusCode(404).contentType(PROBLEM);
        given().post("/api/actions/987654321/reject").then().statusCode(404).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body("{\"note\": \"" + "x".repeat(1001) + "\"}")
                .post("/api/actions/" + id + "/approve").then().statusCode(400).contentType(PROBLEM)
                .body("field", equalTo("note"));
        given().contentType(ContentType.JSON).body("{\"note\": 7}")
                .post("/api/actions/" + id + "/reject").then().statusCode(400).contentType(PROBLEM)
                .body("field", equalTo("note"));
    }

    @Test
    void aWaitingActionIsNotPushedByARetry() {
        storeAndRun(goodwillCase("ap-retry", "c6", "150", IN_TWO_DAYS, null));
        given().post("/api/actions/" + idOf("VOUCHER", "ap-retry") + "/retry").then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("PENDING_APPROVAL"));
    }
}
