package io.shoprules.coupons;

import io.restassured.http.ContentType;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Stores goodwill cases (the tests' own rule set, fixtures/rules/goodwill) and runs its job, which makes
 * a VOUCHER (coupon until endsAt, approval above 100) and a GIFT (coupon for 10 days) of each.
 */
public final class Goodwill {

    private Goodwill() {
    }

    /** A case's JSON; a null amount or gift is left out. */
    public static String goodwillCase(String caseId, String customerId, String amount, OffsetDateTime endsAt, String gift) {
        StringBuilder json = new StringBuilder("{\"caseId\": \"" + caseId + "\", \"customerId\": \"" + customerId + "\"");
        if (amount != null) {
            json.append(", \"amount\": ").append(amount);
        }
        if (endsAt != null) {
            json.append(", \"endsAt\": \"").append(endsAt).append('"');
        }
        if (gift != null) {
            json.append(", \"gift\": ").append(gift);
        }
        return json.append('}').toString();
    }

    /** Stores the cases and runs the goodwill job once. */
    public static void storeAndRun(String... cases) {
        given().contentType(ContentType.JSON).body("{\"facts\": [" + String.join(", ", cases) + "]}")
                .put("/api/facts/goodwill").then().statusCode(200);
        run();
    }

    public static void run() {
        given().post("/api/jobs/goodwill/run").then().statusCode(200).body("status", equalTo("SUCCEEDED"));
    }

    /** The action of {@code type} about {@code caseId}, as GET /api/actions shows it. */
    public static Map<String, Object> action(String type, String caseId) {
        List<Map<String, Object>> found = given().queryParam("ruleSet", "goodwill").queryParam("type", type)
                .queryParam("subject", caseId).get("/api/actions").then().statusCode(200).extract().jsonPath().getList("");
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type + " of " + caseId + ", found " + found);
        }
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> coupon(Map<String, Object> action) {
        return (Map<String, Object>) ((Map<String, Object>) action.get("decision")).get("coupon");
    }

    public static String code(String type, String caseId) {
        return (String) coupon(action(type, caseId)).get("code");
    }

    public static BigDecimal decimal(Object number) {
        return new BigDecimal(number.toString());
    }
}
