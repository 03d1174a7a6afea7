package io.shoprules.actions;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Second start over the first one's database: the release gate finds the two messages still held and
 * releases each once; the one released before the restart is not released again.
 */
@QuarkusTest
@TestProfile(HeldReleaseRestart.SecondStart.class)
class HeldReleaseRestartSecondStartTest {

    @Inject
    TestClock clock;

    @Inject
    ReleaseGate gate;

    @Test
    void theHeldMessagesLeftAreReleasedOnceAndNothingTwice() {
        JsonPath before = given().queryParam("type", "LEVEL_UP").get("/api/actions").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> first = before.getList("");
        assertEquals(3, first.size(), () -> "actions after the restart: " + first);
        String releasedBefore = first.stream().filter(action -> "PENDING".equals(action.get("status")))
                .map(action -> (String) action.get("subject")).findFirst().orElseThrow();
        assertEquals(HeldReleaseRestart.SHOPPERS[0], releasedBefore);

        clock.set(OffsetDateTime.parse("2026-03-11T07:00:05+08:00"));
        assertEquals(2, gate.releaseDue());
        assertEquals(0, gate.releaseDue());

        List<Map<String, Object>> after = given().queryParam("type", "LEVEL_UP").get("/api/actions").then().statusCode(200)
                .extract().jsonPath().getList("");
        assertEquals(List.of("PENDING", "PENDING", "PENDING"), after.stream().map(action -> action.get("status")).toList());
        // the first customer's message keeps the release time of its one release, before the restart
        Map<String, Object> a = after.stream().filter(action -> releasedBefore.equals(action.get("subject"))).findFirst().orElseThrow();
        Map<String, Object> aBefore = first.stream().filter(action -> releasedBefore.equals(action.get("subject"))).findFirst().orElseThrow();
        assertEquals(aBefore.get("nextAttemptAt"), a.get("nextAttemptAt"));
    }
}
