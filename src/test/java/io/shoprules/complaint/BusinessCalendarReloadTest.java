package io.shoprules.complaint;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.shoprules.engine.RuleFolderCopy;
import io.shoprules.engine.RuleSetSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Operations edit the calendar file on disk while the service runs: a broken edit is refused with
 * file and line and the last good calendar keeps counting. Runs on the editable rule folder of
 * {@link RuleFolderCopy}, into which it copies the fixture complaint rule set.
 */
@QuarkusTest
@WithTestResource(value = RuleFolderCopy.class)
class BusinessCalendarReloadTest {

    private static final Path FIXTURE = Path.of("src", "test", "resources", "fixtures", "rules", "complaint");
    private static final Path FOLDER = RuleFolderCopy.RULES.resolve("complaint");
    private static final Path CALENDAR = FOLDER.resolve(BusinessCalendar.FILE);
    /** A complaint made just before the fixture calendar's holiday and judged just after it. */
    private static final String OVER_THE_HOLIDAY = """
            {"now": "2025-01-02T01:00:00+08:00",
             "facts": [{"complaintId": "reload-holiday", "orderId": "o", "type": "SERVICE", "orderAmount": 10,
                        "createdAt": "2024-12-31T22:00:00+08:00"}]}""";

    @BeforeEach
    void serveTheFixtureComplaintRules() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURE)) {
            for (Path file : files.toList()) {
                RuleFolderCopy.write(FOLDER.resolve(file.getFileName()), Files.readString(file));
            }
        }
        String fixture = RuleSetSource.read(ComplaintRuleSet.NAME, FOLDER).version();
        RuleFolderCopy.awaitRuleSet(ComplaintRuleSet.NAME, status -> fixture.equals(status.getString("version")));
    }

    @AfterEach
    void putTheFixtureCalendarBack() throws IOException {
        RuleFolderCopy.write(CALENDAR, Files.readString(FIXTURE.resolve(BusinessCalendar.FILE)));
    }

    @Test
    void aBrokenCalendarOnDiskIsRefusedWithFileAndLineAndTheLastGoodOneKeepsCounting() throws IOException {
        JsonPath before = decide();
        String good = before.getString("version");
        // the holiday stops the clock: a warning, not an escalation
        assertEquals("SLA_WARNING", before.getString("decisions[0].type"));

        String broken = Files.readString(FIXTURE.resolve(BusinessCalendar.FILE)) + "holiday 2025-01-01..last-week\n";
        RuleFolderCopy.write(CALENDAR, broken);
        JsonPath status = RuleFolderCopy.awaitRuleSet(ComplaintRuleSet.NAME,
                s -> s.get("lastRejected") != null && !good.equals(s.getString("lastRejected.version")));

        assertEquals(good, status.getString("version"));
        assertEquals(BusinessCalendar.FILE, status.getString("lastRejected.errors[0].file"), status::prettify);
        assertEquals(broken.lines().toList().size(), status.getInt("lastRejected.errors[0].line"), status::prettify);
        assertTrue(status.getString("lastRejected.errors[0].message").contains("last-week"), status::prettify);

        JsonPath after = decide();
        assertEquals(good, after.getString("version"));
        assertEquals(before.getList("decisions"), after.getList("decisions"));
    }

    private static JsonPath decide() {
        return given().contentType(ContentType.JSON).body(OVER_THE_HOLIDAY)
                .when().post("/api/rulesets/complaint/decisions")
                .then().statusCode(200).extract().jsonPath();
    }
}
