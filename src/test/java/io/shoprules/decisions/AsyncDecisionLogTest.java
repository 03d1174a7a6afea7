package io.shoprules.decisions;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** With the log written off the request path, every decision still reaches it. */
@QuarkusTest
@TestProfile(AsyncDecisionLogTest.AsyncWrites.class)
class AsyncDecisionLogTest {

    public static class AsyncWrites implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shoprules.decisions.log-writes", "async");
        }
    }

    @Test
    void decisionsOfManyRequestsAllReachTheLog() throws InterruptedException {
        int requests = 200;
        for (int i = 0; i < requests; i++) {
            given().contentType(ContentType.JSON)
                    .body("{\"now\": \"2026-03-10T10:00:00+08:00\", \"facts\": [{\"skuId\": \"async-" + i
                            + "\", \"onHand\": 0, \"avgDailySales\": 1, \"leadTimeDays\": 1}]}")
                    .post("/api/rulesets/inventory/decisions")
                    .then().statusCode(200);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int logged = 0;
        while (System.nanoTime() < deadline) {
            List<?> entries = given().queryParam("type", "RESTOCK").queryParam("size", 1000)
                    .get("/api/decisions").then().statusCode(200).extract().jsonPath().getList("subject");
            logged = (int) entries.stream().filter(s -> String.valueOf(s).startsWith("async-")).count();
            if (logged == requests) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(requests, logged);
    }
}
