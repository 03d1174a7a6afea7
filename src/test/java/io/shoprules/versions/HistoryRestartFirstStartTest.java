package io.shoprules.versions;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The first half of "history survives a restart": activates a draft through the API and notes what
 * it activated; {@link HistoryRestartSecondStartTest} finds it after the service has started again.
 */
@QuarkusTest
@TestProfile(HistoryRestart.FirstStart.class)
class HistoryRestartFirstStartTest {

    @Test
    void anActivationThroughTheApiIsRecorded() throws IOException {
        String base = serving();
        String restock = Files.readString(HistoryRestart.RULES.resolve("inventory").resolve("restock.drl"));

        String version = given().contentType(ContentType.JSON)
                .body(Map.of("baseVersion", base, "files", Map.of("restock.drl", restock + "\n// reviewed before the restart\n")))
                .when().post("/api/rulesets/inventory/activate")
                .then().statusCode(200).body("valid", equalTo(true))
                .extract().path("version");

        given().when().get("/api/rulesets/inventory/versions")
                .then().statusCode(200)
                .body("[0].version", equalTo(version))
                .body("[0].source", equalTo("API"));
        assertEquals(version, serving());
        Properties activated = new Properties();
        activated.setProperty("base", base);
        activated.setProperty("version", version);
        try (Writer out = Files.newBufferedWriter(HistoryRestart.ACTIVATED)) {
            activated.store(out, "written by HistoryRestartFirstStartTest, read by HistoryRestartSecondStartTest");
        }
    }

    static String serving() {
        return given().when().get("/api/rulesets").then().statusCode(200)
                .extract().path("find { it.name == 'inventory' }.version");
    }
}
