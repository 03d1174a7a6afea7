package io.shoprules.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.shoprules.api.OpsKeyForTests;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A complaint calendar whose holidays have run out is pointed out where operations look: the fixture
 * calendar names 2025's dates only, and today lies past the notice days before its end.
 */
@QuarkusTest
class CalendarNoticeTest {

    @Test
    void theRuleSetStatusAndItsConsolePageSayNextYearsHolidaysAreMissing() {
        JsonPath statuses = given().get("/api/rulesets").then().statusCode(200).extract().jsonPath();
        List<String> notices = statuses.getList("find { it.name == 'complaint' }.notices");
        assertEquals(1, notices.size(), statuses::prettify);
        assertTrue(notices.get(0).startsWith("business-hours.calendar names holidays and make-up working days up to 2025"
                + " only: from 2026-01-01"), notices.get(0));
        assertNull(statuses.get("find { it.name == 'inventory' }.notices"), "a rule set without a calendar has none");

        String session = ConsoleSignIn.session(OpsKeyForTests.OPS_KEY);
        given().cookie(ConsoleSessions.COOKIE, session).get("/console/rulesets/complaint").then().statusCode(200)
                .body(allOf(containsString("id=\"notices\""), containsString("Add 2026&#39;s holiday and workday lines")));
        given().cookie(ConsoleSessions.COOKIE, session).get("/console/rulesets/inventory").then().statusCode(200)
                .body(org.hamcrest.Matchers.not(containsString("id=\"notices\"")));
    }
}
