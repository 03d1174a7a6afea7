package io.shoprules.engine;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * As the packaged service starts: the rule sets load beside the rest of the start-up, so the port
 * may open before they serve. Until a rule set serves, its decisions answer 503 (never a 500, never
 * a decision from nothing); then they answer with its version, readiness comes up once every rule
 * set serves, and the job scheduler, started after the rule sets, fires.
 */
@QuarkusTest
@TestProfile(StartUpInBackgroundTest.InBackground.class)
class StartUpInBackgroundTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    public static class InBackground implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shoprules.rules.load-in-background", "true",
                    "shoprules.jobs.enabled", "true",
                    "shoprules.jobs.inventory.cron", "0/2 * * * * ?",
                    "shoprules.jobs.cart.cron", "off",
                    "shoprules.jobs.complaint.cron", "off",
                    "shoprules.jobs.listing.cron", "off");
        }
    }

    @Test
    void decisionsAnswer503UntilTheRuleSetServesThenItsVersionAndTheScheduleFiresAfterTheLoad() throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Response answer = decide();
        while (answer.statusCode() == 503 && System.nanoTime() < deadline) {
            answer.then().contentType("application/problem+json");
            Thread.sleep(20);
            answer = decide();
        }
        answer.then().statusCode(200).body("decisions[0].type", equalTo("RESTOCK"));

        while (given().get("/q/health/ready").statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                fail("readiness never came up: " + given().get("/q/health/ready").asString());
            }
            Thread.sleep(100);
        }
        given().get("/q/health/ready").then().body("checks.find { it.name == 'rule sets' }.status", equalTo("UP"));
        String serving = given().get("/api/rulesets").then().statusCode(200).extract().jsonPath()
                .getString("find { it.name == 'inventory' }.version");
        decide().then().statusCode(200).body("version", equalTo(serving));

        List<Map<String, Object>> runs = List.of();
        while (System.nanoTime() < deadline) {
            runs = given().get("/api/jobs/inventory").then().statusCode(200).extract().jsonPath().getList("lastRuns");
            if (runs.stream().anyMatch(run -> "SCHEDULE".equals(run.get("triggeredBy")) && run.get("endedAt") != null)) {
                break;
            }
            Thread.sleep(200);
        }
        List<Map<String, Object>> seen = runs;
        assertTrue(seen.stream().anyMatch(run -> "SCHEDULE".equals(run.get("triggeredBy")) && run.get("endedAt") != null
                        && !"FAILED".equals(run.get("status"))),
                () -> "no scheduled run after the load finished: " + seen);
    }

    private static Response decide() {
        return given().contentType(ContentType.JSON)
                .body("""
                        {"now": "2026-03-10T10:00:00+08:00",
                         "facts": [{"skuId": "empty", "onHand": 0, "avgDailySales": 4, "leadTimeDays": 3}]}""")
                .when().post("/api/rulesets/inventory/decisions");
    }
}
