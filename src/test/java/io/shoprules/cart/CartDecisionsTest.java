package io.shoprules.cart;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class CartDecisionsTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void firstReminderCarriesCouponPayByAndTheTemplatedMessage() {
        decide("""
                {"now": "2026-03-10T02:00:00Z",
                 "facts": [{"cartId": "http-cart-1", "customerId": "cu-1", "smsConsent": true,
                            "addedAt": "2026-03-10T09:00:00+08:00",
                            "items": [{"skuId": "s-1", "title": "羊毛围巾", "quantity": 1, "unitPrice": 199,
                                       "paidCount": 12, "stockLeft": 3}]}]}""")
                .statusCode(200)
                .body("ruleSet", equalTo("cart"))
                .body("version", matchesPattern("[0-9a-f]{12}"))
                .body("decisions", hasSize(1))
                .body("decisions[0].type", equalTo("CART_REMINDER"))
                .body("decisions[0].rule", equalTo("cart reminder: step 1 once the cart has waited an hour"))
                .body("decisions[0].step", equalTo(1))
                .body("decisions[0].channels", equalTo(java.util.List.of("SMS", "POPUP")))
                .body("decisions[0].couponAmount", equalTo(10))
                .body("decisions[0].payBy", equalTo("2026-03-10T13:00:00+08:00"))
                .body("decisions[0].message", containsString("「羊毛围巾」"))
                .body("decisions[0].message", containsString("已有12人付款，仅剩3件"));
    }

    @Test
    void secondReminderHasNeitherCouponNorSms() {
        decide("""
                {"now": "2026-03-11T12:00:00+08:00",
                 "facts": [{"cartId": "http-cart-2", "customerId": "cu-2", "smsConsent": true, "remindersSent": 1,
                            "addedAt": "2026-03-10T09:00:00+08:00",
                            "items": [{"skuId": "s-1", "title": "围巾", "quantity": 5, "unitPrice": 199}]}]}""")
                .statusCode(200)
                .body("decisions", hasSize(1))
                .body("decisions[0].step", equalTo(2))
                .body("decisions[0].channels", equalTo(java.util.List.of("POPUP")))
                .body("decisions[0].couponAmount", nullValue())
                .body("decisions[0].payBy", nullValue());
    }

    @Test
    void cartWithoutItemsIsRejected() {
        decide("""
                {"facts": [{"cartId": "c", "customerId": "cu", "addedAt": "2026-03-10T09:00:00+08:00", "items": []}]}""")
                .statusCode(400).contentType(PROBLEM).body("field", equalTo("facts[0].items"));
    }

    @Test
    void zeroQuantityIsRejected() {
        decide("""
                {"facts": [{"cartId": "c", "customerId": "cu", "addedAt": "2026-03-10T09:00:00+08:00",
                            "items": [{"skuId": "s", "quantity": 0, "unitPrice": 1}]}]}""")
                .statusCode(400).contentType(PROBLEM).body("field", equalTo("facts[0].items[0].quantity"));
    }

    @Test
    void paidBeforeAddedIsRejected() {
        decide("""
                {"facts": [{"cartId": "c", "customerId": "cu", "addedAt": "2026-03-10T09:00:00+08:00",
                            "paidAt": "2026-03-10T08:59:59+08:00",
                            "items": [{"skuId": "s", "quantity": 1, "unitPrice": 1}]}]}""")
                .statusCode(400).contentType(PROBLEM)
                .body("field", equalTo("facts[0].paidAt"))
                .body("detail", containsString("addedAt"));
    }

    @Test
    void timeWithoutOffsetIsRejected() {
        decide("""
                {"facts": [{"cartId": "c", "customerId": "cu", "addedAt": "2026-03-10T09:00:00",
                            "items": [{"skuId": "s", "quantity": 1, "unitPrice": 1}]}]}""")
                .statusCode(400).contentType(PROBLEM).body("field", equalTo("facts[0].addedAt"));
    }

    @Test
    void missingCartIdIsRejected() {
        decide("""
                {"facts": [{"customerId": "cu", "addedAt": "2026-03-10T09:00:00+08:00",
                            "items": [{"skuId": "s", "quantity": 1, "unitPrice": 1}]}]}""")
                .statusCode(400).contentType(PROBLEM).body("field", equalTo("facts[0].cartId"));
    }

    @Test
    void negativeRemindersAreRejected() {
        decide("""
                {"facts": [{"cartId": "c", "customerId": "cu", "addedAt": "2026-03-10T09:00:00+08:00", "remindersSent": -1,
                            "items": [{"skuId": "s", "quantity": 1, "unitPrice": 1}]}]}""")
                .statusCode(400).contentType(PROBLEM).body("field", equalTo("facts[0].remindersSent"));
    }

    @Test
    void storingACartWithABadItemStoresNothing() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"facts": [{"cartId": "kept-out-1", "customerId": "cu", "addedAt": "2026-03-10T09:00:00+08:00",
                                    "items": [{"skuId": "s", "quantity": 1, "unitPrice": 1}]},
                                   {"cartId": "kept-out-2", "customerId": "cu", "addedAt": "2026-03-10T09:00:00+08:00",
                                    "items": [{"skuId": "s", "quantity": -2, "unitPrice": 1}]}]}""")
                .put("/api/facts/cart")
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("facts[1].items[0].quantity"));
        given().get("/api/facts/cart/kept-out-1").then().statusCode(404);
    }

    private static ValidatableResponse decide(String body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/rulesets/cart/decisions")
                .then();
    }
}
