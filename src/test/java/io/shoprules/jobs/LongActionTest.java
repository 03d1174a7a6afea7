package io.shoprules.jobs;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.shoprules.StartsFromEmptyTables;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.shoprules.coupons.Goodwill.goodwillCase;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A stored fact whose decision is too long for an action (the fixture {@code goodwill}'s GIFT
 * carries the case's customer id, which a stored fact may make as long as it likes) costs only
 * itself, and so does one whose coupon would name a customer longer than a coupon holds: the run
 * counts each as an error, and every other fact's actions are made, in this run and the next.
 */
@QuarkusTest
class LongActionTest implements StartsFromEmptyTables {

    @Test
    void aDecisionTooLongForAnActionIsTheFactsErrorAndTheRestGoesOn() {
        String tooLong = "c".repeat(200_000);
        given().contentType(ContentType.JSON).body("{\"facts\": [" + String.join(", ",
                        goodwillCase("long-a", "customer-a", null, null, "5"),
                        goodwillCase("long-b", tooLong, null, null, "5"),
                        goodwillCase("long-c", "customer-c", null, null, "5"),
                        goodwillCase("long-d", "d".repeat(300), null, null, "5")) + "]}")
                .put("/api/facts/goodwill").then().statusCode(200);

        for (int run = 0; run < 2; run++) {
            given().post("/api/jobs/goodwill/run").then().statusCode(200)
                    .body("status", equalTo("FINISHED_WITH_ERRORS"))
                    .body("factsRead", equalTo(4))
                    .body("errors", equalTo(2))
                    .body("lastError", containsString("is too long for an action"));
        }

        List<Map<String, Object>> gifts = given().queryParam("ruleSet", "goodwill").queryParam("type", "GIFT")
                .get("/api/actions").then().statusCode(200).extract().jsonPath().getList("");
        assertEquals(List.of("long-a", "long-c"), gifts.stream().map(gift -> gift.get("subject")).sorted().toList());
    }
}
