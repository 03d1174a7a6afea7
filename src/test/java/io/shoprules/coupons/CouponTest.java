package io.shoprules.coupons;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.shoprules.StartsFromEmptyTables;
import io.shoprules.api.OpsKeyForTests;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static io.shoprules.coupons.Goodwill.action;
import static io.shoprules.coupons.Goodwill.code;
import static io.shoprules.coupons.Goodwill.coupon;
import static io.shoprules.coupons.Goodwill.decimal;
import static io.shoprules.coupons.Goodwill.goodwillCase;
import static io.shoprules.coupons.Goodwill.storeAndRun;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unique coupons through HTTP and the database, on the tests' own goodwill rule set: issued once per
 * action with the expiry its decision gives, redeemed exactly once, refused when used, expired, void,
 * unknown or malformed.
 */
@QuarkusTest
class CouponTest implements StartsFromEmptyTables {

    private static final String PROBLEM = "application/problem+json";
    private static final OffsetDateTime IN_TWO_DAYS = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(2)
            .truncatedTo(ChronoUnit.SECONDS);

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private static io.restassured.response.ValidatableResponse redeem(String code, String orderId) {
        return given().header("Authorization", "Bearer " + OpsKeyForTests.SHOP_KEY).contentType(ContentType.JSON)
                .body("{\"orderId\": \"" + orderId + "\"}").post("/api/coupons/" + code + "/redeem").then();
    }

    @Test
    void eachCouponBearingActionGetsItsOwnCodeOnceWithTheExpiryItsDecisionGives() throws SQLException {
        storeAndRun(goodwillCase("cp-1", "cust-1", "30", IN_TWO_DAYS, "5"),
                goodwillCase("cp-2", "cust-2", "30", IN_TWO_DAYS, "5"));

        Map<String, Object> voucher = coupon(action("VOUCHER", "cp-1"));
        String code = (String) voucher.get("code");
        assertTrue(code.matches("[0-9A-HJKMNP-TV-Z]{16}"), code);
        assertEquals(0, decimal(voucher.get("amount")).compareTo(new BigDecimal("30")));
        assertEquals(IN_TWO_DAYS.toInstant(), OffsetDateTime.parse((String) voucher.get("expiresAt")).toInstant());

        // a gift's coupon is valid for the days actions.yaml gives (10), from the action's creation
        Map<String, Object> giftAction = action("GIFT", "cp-1");
        Map<String, Object> gift = coupon(giftAction);
        // (within a millisecond: PostgreSQL rounds the creation time to microseconds where Java truncates)
        Duration offBy = Duration.between(OffsetDateTime.parse((String) giftAction.get("createdAt")).plusDays(10),
                OffsetDateTime.parse((String) gift.get("expiresAt"))).abs();
        assertTrue(offBy.toMillis() < 1, () -> "10 days after its creation, off by " + offBy);

        assertNotEquals(code, code("VOUCHER", "cp-2"), "every action its own code");
        assertNotEquals(code, gift.get("code"));

        given().get("/api/coupons/" + code).then().statusCode(200)
                .body("status", equalTo("ISSUED")).body("expired", equalTo(false))
                .body("customerId", equalTo("cust-1")).body("type", equalTo("VOUCHER")).body("subject", equalTo("cp-1"))
                .body("actionId", equalTo(((Number) action("VOUCHER", "cp-1").get("id")).intValue()))
                .body("orderId", nullValue());

        // the job again: the actions exist, so no coupon is issued twice
        Goodwill.run();
        assertEquals(code, code("VOUCHER", "cp-1"));
        assertEquals(4, count("select count(*) from coupon"));
        assertEquals(1, count("select count(*) from coupon where code = ?", code));
    }

    @Test
    void aDecisionWithoutAnAmountCarriesNoCoupon() throws SQLException {
        storeAndRun(goodwillCase("cp-none", "cust-9", null, null, null));
        assertNull(coupon(action("GIFT", "cp-none")));
        assertEquals(0, count("select count(*) from coupon"));
    }

    @Test
    void aRedemptionRepeatedForTheSameOrderIsAnsweredAsTheFirstAndAnotherOrderIsRefused() {
        storeAndRun(goodwillCase("cp-r", "cust-r", "20", IN_TWO_DAYS, null));
        String code = code("VOUCHER", "cp-r");

        String redeemedAt = redeem(code, "order-1").statusCode(200)
                .body("status", equalTo("REDEEMED")).body("orderId", equalTo("order-1")).body("code", equalTo(code))
                .extract().path("redeemedAt");
        redeem(code, "order-1").statusCode(200).body("status", equalTo("REDEEMED")).body("redeemedAt", equalTo(redeemedAt));
        redeem(code, "order-2").statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("REDEEMED")).body("field", equalTo("code"));
        given().get("/api/coupons/" + code).then().statusCode(200).body("status", equalTo("REDEEMED"))
                .body("orderId", equalTo("order-1"));
    }

    /** Crockford's reading: case, hyphens and the look-alikes I, L (one) and O (zero) do not matter. */
    @Test
    void aCodeIsReadInAnyCaseWithHyphensAndLookAlikes() {
        storeAndRun(goodwillCase("cp-read", "cust-read", "20", IN_TWO_DAYS, null));
        String code = code("VOUCHER", "cp-read");
        String typed = (code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8, 12) + "-" + code.substring(12))
                .toLowerCase(Locale.ROOT).replace('1', 'l').replace('0', 'O');
        given().get("/api/coupons/" + typed).then().statusCode(200).body("code", equalTo(code));
        redeem(typed, "order-typed").statusCode(200).body("code", equalTo(code));
    }

    @Test
    void anExpiredCodeIsRefusedAndStaysIssued() {
        storeAndRun(goodwillCase("cp-old", "cust-old", "20", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1), null));
        String code = code("VOUCHER", "cp-old");
        given().get("/api/coupons/" + code).then().body("expired", equalTo(true));
        redeem(code, "order-late").statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("EXPIRED")).body("field", equalTo("code"));
        given().get("/api/coupons/" + code).then().body("status", equalTo("ISSUED")).body("orderId", nullValue());
    }

    @Test
    void aCouponIssuedToOneCustomerIsRefusedToAnother() {
        storeAndRun(goodwillCase("cp-who", "cust-a", "20", IN_TWO_DAYS, null));
        String code = code("VOUCHER", "cp-who");
        given().header("Authorization", "Bearer " + OpsKeyForTests.SHOP_KEY).contentType(ContentType.JSON)
                .body("{\"orderId\": \"o-b\", \"customerId\": \"cust-b\"}").post("/api/coupons/" + code + "/redeem")
                .then().statusCode(409).contentType(PROBLEM).body("field", equalTo("customerId"));
        given().header("Authorization", "Bearer " + OpsKeyForTests.SHOP_KEY).contentType(ContentType.JSON)
                .body("{\"orderId\": \"o-a\", \"customerId\": \"cust-a\"}").post("/api/coupons/" + code + "/redeem")
                .then().statusCode(200).body("status", equalTo("REDEEMED"));
    }

    @Test
    void anUnknownCodeIsNotFound() {
        redeem("0000000000000000", "order-x").statusCode(404).contentType(PROBLEM).body("field", equalTo("code"));
        given().get("/api/coupons/ZZZZ-ZZZZ-ZZZZ-ZZZZ").then().statusCode(404).contentType(PROBLEM);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ABC", "UUUUUUUUUUUUUUUU", "0000000000000000000", "00000000000000%2A0", "0000000000000000000000000000000000"})
    void aMalformedCodeIsABadRequestNamingTheCode(String code) {
        redeem(code, "order-x").statusCode(400).contentType(PROBLEM).body("field", equalTo("code"));
        given().get("/api/coupons/" + code).then().statusCode(400).contentType(PROBLEM).body("field", equalTo("code"));
    }

    @Test
    void aRedemptionWithoutAnOrderIsABadRequestNamingIt() {
        given().contentType(ContentType.JSON).body("{\"customerId\": \"c\"}").post("/api/coupons/0000000000000000/redeem")
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("orderId"));
    }

    /** 100 shops (or tabs, or instances' worth of requests) redeem one code at once: exactly one wins. */
    @Test
    void ofAHundredParallelRedemptionsOfOneCodeExactlyOneWins() throws Exception {
        storeAndRun(goodwillCase("cp-race", "cust-race", "20", IN_TWO_DAYS, null));
        String code = code("VOUCHER", "cp-race");
        int redemptions = 100;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService callers = Executors.newFixedThreadPool(redemptions);
        CountDownLatch start = new CountDownLatch(1);
        Map<Integer, List<String>> byStatus = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < redemptions; i++) {
                String orderId = "race-order-" + i;
                calls.add(CompletableFuture.runAsync(() -> {
                    try {
                        start.await();
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + port + "/api/coupons/" + code + "/redeem"))
                                .header("Authorization", "Bearer " + OpsKeyForTests.SHOP_KEY)
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofMinutes(2))
                                .POST(HttpRequest.BodyPublishers.ofString("{\"orderId\": \"" + orderId + "\"}")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        byStatus.computeIfAbsent(response.statusCode(), s -> new java.util.concurrent.CopyOnWriteArrayList<>())
                                .add(orderId + " " + response.body());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, callers));
            }
            start.countDown();
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(3, TimeUnit.MINUTES);
        } finally {
            callers.shutdownNow();
        }
        assertEquals(1, byStatus.getOrDefault(200, List.of()).size(), byStatus::toString);
        assertEquals(redemptions - 1, byStatus.getOrDefault(409, List.of()).size(), byStatus::toString);
        assertEquals(2, byStatus.size(), byStatus::toString);
        String winner = byStatus.get(200).get(0).split(" ")[0];
        assertEquals(1, count("select count(*) from coupon where code = ? and status = 'REDEEMED'", code));
        assertEquals(1, count("select count(*) from coupon where code = ? and redemption_key = ?", code, winner));
        assertFalse(byStatus.get(409).stream().anyMatch(refusal -> !refusal.contains("REDEEMED")), byStatus::toString);
        // the winner may ask again and gets the same answer
        redeem(code, winner).statusCode(200).body("orderId", equalTo(winner));
    }

    private long count(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
