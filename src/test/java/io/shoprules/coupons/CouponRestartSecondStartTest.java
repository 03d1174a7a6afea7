package io.shoprules.coupons;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static io.restassured.RestAssured.given;
import static io.shoprules.coupons.Goodwill.action;
import static io.shoprules.coupons.Goodwill.code;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** After the restart: the waiting action still waits, the redeemed coupon stays redeemed, nothing is issued twice. */
@QuarkusTest
@TestProfile(CouponRestart.SecondStart.class)
class CouponRestartSecondStartTest {

    @Test
    void aWaitingActionSurvivesTheRestartAndARedeemedCouponStaysRedeemed() {
        Properties before = CouponRestart.load();
        String waitingId = before.getProperty("waiting.id");
        String used = before.getProperty("used.code");

        given().get("/api/actions/" + waitingId).then().statusCode(200).body("status", equalTo("PENDING_APPROVAL"));
        given().get("/api/coupons/" + before.getProperty("waiting.code")).then().body("status", equalTo("PENDING_APPROVAL"));
        given().get("/api/coupons/" + used).then().statusCode(200)
                .body("status", equalTo("REDEEMED")).body("orderId", equalTo("rs-order"));
        given().contentType(ContentType.JSON).body("{\"orderId\": \"rs-order\"}").post("/api/coupons/" + used + "/redeem")
                .then().statusCode(200).body("orderId", equalTo("rs-order"));
        given().contentType(ContentType.JSON).body("{\"orderId\": \"rs-other\"}").post("/api/coupons/" + used + "/redeem")
                .then().statusCode(409).body("detail", containsString("REDEEMED"));

        // the job runs again over the same facts: the same actions, the same codes
        Goodwill.run();
        assertEquals(before.getProperty("waiting.code"), code("VOUCHER", "rs-wait"));
        assertEquals(used, code("VOUCHER", "rs-used"));
        assertEquals("PENDING_APPROVAL", action("VOUCHER", "rs-wait").get("status"));

        given().post("/api/actions/" + waitingId + "/approve").then().statusCode(200).body("status", equalTo("PENDING"));
        given().get("/api/coupons/" + before.getProperty("waiting.code")).then().body("status", equalTo("ISSUED"));
    }
}
