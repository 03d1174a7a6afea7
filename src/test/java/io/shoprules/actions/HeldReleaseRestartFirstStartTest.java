package io.shoprules.actions;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * First start: three messages are held over the quiet hours; at 07:00 the release tick gets through
 * the first customer only and the service stops (a restart in the middle of a release).
 * {@link HeldReleaseRestartSecondStartTest} goes on from there.
 */
@QuarkusTest
@TestProfile(HeldReleaseRestart.FirstStart.class)
class HeldReleaseRestartFirstStartTest {

    @Inject
    TestClock clock;

    @Inject
    ContactGate contactGate;

    @Test
    void threeHeldMessagesAndATickCutShortAfterTheFirstCustomer() {
        clock.set(OffsetDateTime.parse("2026-03-10T23:30:00+08:00"));
        for (String shopper : HeldReleaseRestart.SHOPPERS) {
            given().contentType(ContentType.JSON).body("{\"facts\": [{\"shopperId\": \"" + shopper + "\", \"orders\": 4}]}")
                    .put("/api/facts/loyalty").then().statusCode(200);
        }
        given().post("/api/jobs/loyalty/run").then().statusCode(200).body("actionsCreated", equalTo(3));

        OffsetDateTime morning = OffsetDateTime.parse("2026-03-11T07:00:00+08:00");
        clock.set(morning);
        // what one tick does per customer, for the first customer only: then the service stops
        assertEquals(1, contactGate.release(HeldReleaseRestart.SHOPPERS[0], morning));

        List<String> statuses = given().queryParam("type", "LEVEL_UP").get("/api/actions").then().statusCode(200)
                .extract().jsonPath().getList("status");
        assertEquals(List.of("HELD", "HELD", "PENDING"), statuses.stream().sorted().toList());
    }
}
