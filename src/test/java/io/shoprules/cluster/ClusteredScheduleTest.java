package io.shoprules.cluster;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rule sets' schedules live in Quartz's JDBC job store on the service's own database (H2 here,
 * PostgreSQL under the pgtest profile) and fire from there.
 */
@QuarkusTest
@TestProfile(ClusteredScheduleTest.EveryTwoSeconds.class)
class ClusteredScheduleTest {

    public static class EveryTwoSeconds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shoprules.jobs.enabled", "true",
                    "shoprules.jobs.inventory.cron", "0/2 * * * * ?",
                    "shoprules.jobs.cart.cron", "off",
                    "shoprules.jobs.complaint.cron", "off",
                    "shoprules.jobs.listing.cron", "off");
        }
    }

    @Test
    void aScheduleStoredInTheSharedJobStoreFires() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Map<String, Object>> runs = List.of();
        while (System.nanoTime() < deadline) {
            runs = given().get("/api/jobs/inventory").then().statusCode(200).extract().jsonPath().getList("lastRuns");
            if (runs.stream().anyMatch(run -> "SCHEDULE".equals(run.get("triggeredBy")) && run.get("endedAt") != null)) {
                break;
            }
            Thread.sleep(200);
        }
        List<Map<String, Object>> seen = runs;
        assertTrue(seen.stream().anyMatch(run -> "SCHEDULE".equals(run.get("triggeredBy")) && run.get("endedAt") != null),
                () -> "no scheduled run finished: " + seen);
        given().get("/api/jobs").then().statusCode(200);
    }

    @Test
    void eachJobSaysWhenItsScheduleFiresNext() {
        Instant asked = Instant.now();
        JsonPath inventory = given().get("/api/jobs/inventory").then().statusCode(200).extract().jsonPath();
        Instant next = Instant.parse(inventory.getString("nextRunAt"));
        assertTrue(next.isAfter(asked.minusSeconds(1)) && next.isBefore(asked.plusSeconds(3)),
                () -> "every two seconds, asked at " + asked + ": " + next);
        assertEquals(0, next.getEpochSecond() % 2, "on an even second: " + next);
        assertNull(given().get("/api/jobs/cart").then().statusCode(200).extract().jsonPath().get("nextRunAt"),
                "a schedule that is off has no next run");
    }
}
