package io.shoprules.coupons;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Properties;

import static io.restassured.RestAssured.given;
import static io.shoprules.coupons.Goodwill.action;
import static io.shoprules.coupons.Goodwill.code;
import static io.shoprules.coupons.Goodwill.goodwillCase;
import static io.shoprules.coupons.Goodwill.storeAndRun;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Before a restart: one action waits for approval, one coupon is redeemed (CouponRestartSecondStartTest looks after). */
@QuarkusTest
@TestProfile(CouponRestart.FirstStart.class)
class CouponRestartFirstStartTest {

    @Test
    void anActionWaitsForApprovalAndACouponIsRedeemed() {
        OffsetDateTime inTwoDays = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2);
        storeAndRun(goodwillCase("rs-wait", "c-wait", "150", inTwoDays, null),
                goodwillCase("rs-used", "c-used", "20", inTwoDays, null));
        assertEquals("PENDING_APPROVAL", action("VOUCHER", "rs-wait").get("status"));
        String used = code("VOUCHER", "rs-used");
        given().contentType(ContentType.JSON).body("{\"orderId\": \"rs-order\"}").post("/api/coupons/" + used + "/redeem")
                .then().statusCode(200).body("status", equalTo("REDEEMED"));

        Properties state = new Properties();
        state.setProperty("waiting.id", action("VOUCHER", "rs-wait").get("id").toString());
        state.setProperty("waiting.code", code("VOUCHER", "rs-wait"));
        state.setProperty("used.code", used);
        CouponRestart.save(state);
    }
}
