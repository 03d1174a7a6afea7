package io.shoprules.jobs;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A run cut off by kill -9 does not show RUNNING for ever once its instance is back. */
@QuarkusTest
@WithTestResource(KilledRun.class)
class AbandonedRunTest {

    @Test
    void aRunOfThisInstanceLeftRunningIsMarkedAbandonedAtStartUpAndOthersAreLeftAlone() {
        List<Map<String, Object>> runs = given().get("/api/jobs/inventory").then().statusCode(200)
                .extract().jsonPath().getList("lastRuns");
        assertEquals("ABANDONED", statusOf(runs, KilledRun.OWN_RUN), () -> "runs: " + runs);
        assertEquals("RUNNING", statusOf(runs, KilledRun.OTHER_RUN), "another instance's run is its own business");
        Map<String, Object> own = runs.stream().filter(run -> ((Number) run.get("id")).longValue() == KilledRun.OWN_RUN)
                .findFirst().orElseThrow();
        assertNotNull(own.get("endedAt"), "an abandoned run has ended");
    }

    private static String statusOf(List<Map<String, Object>> runs, long id) {
        return runs.stream().filter(run -> ((Number) run.get("id")).longValue() == id)
                .map(run -> (String) run.get("status")).findFirst().orElse("missing");
    }
}
