package io.shoprules.cart;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.shoprules.StartsFromEmptyTables;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The cart scan sends each reminder step once, and the stored cart remembers what went out. */
@QuarkusTest
class CartReminderJobTest implements StartsFromEmptyTables {

    @Test
    void scansSendStepOneThenStepTwoAndNeverAThird() {
        // Left more than a day ago with nothing sent: step 1 is due now, step 2 as soon as step 1 is out.
        given().contentType(ContentType.JSON)
                .body("""
                        {"facts": [{"cartId": "job-cart", "customerId": "cu", "smsConsent": true,
                                    "addedAt": "%s", "items": [{"skuId": "s", "title": "围巾", "quantity": 1, "unitPrice": 99}]}]}"""
                        .formatted(OffsetDateTime.now().minusHours(30)))
                .put("/api/facts/cart").then().statusCode(200);

        runScan();
        assertEquals(List.of(1), reminderSteps());
        given().get("/api/facts/cart/job-cart").then().statusCode(200)
                .body("fact.remindersSent", equalTo(1))
                .body("fact.lastRemindedAt", notNullValue());

        runScan();
        assertEquals(List.of(1, 2), reminderSteps());
        given().get("/api/facts/cart/job-cart").then().body("fact.remindersSent", equalTo(2));

        runScan();
        runScan();
        assertEquals(List.of(1, 2), reminderSteps());
    }

    private static void runScan() {
        given().post("/api/jobs/cart/run").then().statusCode(200).body("errors", equalTo(0));
    }

    private static List<Integer> reminderSteps() {
        return given().queryParam("type", "CART_REMINDER").queryParam("subject", "job-cart")
                .get("/api/actions").then().statusCode(200)
                .extract().jsonPath().getList("decision.step", Integer.class).stream().sorted().toList();
    }
}
