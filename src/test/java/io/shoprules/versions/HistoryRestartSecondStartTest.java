package io.shoprules.versions;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.Properties;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The second half of "history survives a restart": after {@link HistoryRestartFirstStartTest} activated a
 * version and the service started again on the same database and folder, the history still lists
 * that activation (source, author) and the version before it, and the diff between them reads back.
 */
@QuarkusTest
@TestProfile(HistoryRestart.SecondStart.class)
class HistoryRestartSecondStartTest {

    @Test
    void theHistoryWrittenBeforeTheRestartIsStillThere() throws IOException {
        assumeTrue(Files.exists(HistoryRestart.ACTIVATED),
                "runs after HistoryRestartFirstStartTest (run both: -Dtest='HistoryRestart*Test')");
        Properties activated = new Properties();
        try (Reader in = Files.newBufferedReader(HistoryRestart.ACTIVATED)) {
            activated.load(in);
        }
        String version = activated.getProperty("version");
        String base = activated.getProperty("base");

        assertEquals(version, HistoryRestartFirstStartTest.serving(), "the activated files serve after the restart");
        given().when().get("/api/rulesets/inventory/versions")
                .then().statusCode(200)
                .body("[0].version", equalTo(version))
                .body("[0].source", equalTo("API"))
                .body("[0].author", equalTo("test-ops"))
                .body("[0].changes[0].file", equalTo("restock.drl"))
                .body("[1].version", equalTo(base));
        given().when().get("/api/rulesets/inventory/versions/" + version + "/diff")
                .then().statusCode(200)
                .body(containsString("+// reviewed before the restart"));
    }
}
