package io.shoprules.decisions;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.shoprules.storage.CopyText;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the log keeps is what was decided, character for character: on PostgreSQL the rows go in as
 * COPY text, where a tab, a newline or a backslash of a value would otherwise split or bend a row.
 */
@QuarkusTest
class DecisionLogTextTest {

    @Test
    void idsWithTabsNewlinesAndBackslashesComeBackAsTheyWereDecided() {
        List<String> ids = List.of("copy\ttab-1", "copy\nline-1", "copy\\N", "copy\\\\back\rslash", "copy-\\t-literal");
        for (String id : ids) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("now", "2026-03-10T10:00:00+08:00",
                            "facts", List.of(Map.of("skuId", id, "onHand", 0, "avgDailySales", 1, "leadTimeDays", 1))))
                    .post("/api/rulesets/inventory/decisions")
                    .then().statusCode(200);
        }
        for (String id : ids) {
            List<Map<String, Object>> logged = given().queryParam("subject", id).queryParam("type", "RESTOCK")
                    .get("/api/decisions").then().statusCode(200).extract().jsonPath().getList("$");
            assertEquals(1, logged.size(), "decisions logged for " + id.replace("\n", "\\n"));
            assertEquals(id, logged.get(0).get("subject"));
            @SuppressWarnings("unchecked")
            Map<String, Object> payload = (Map<String, Object>) logged.get(0).get("decision");
            assertEquals(id, payload.get("skuId"));
        }
    }

    @Test
    void aBatchLongerThanOnePieceOfCopyTextIsLoggedWhole() {
        // 400 decisions of about 120 characters of id each: well over one piece of COPY text
        String run = "piece-" + System.nanoTime() + "-";
        List<Map<String, Object>> facts = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String id = run + i + "\t保温杯" + "x".repeat(100);
            facts.add(Map.of("skuId", id, "onHand", 0, "avgDailySales", 1, "leadTimeDays", 1));
        }
        given().contentType(ContentType.JSON).body(Map.of("now", "2026-03-10T10:00:00+08:00", "facts", facts))
                .post("/api/rulesets/inventory/decisions")
                .then().statusCode(200);

        for (int i : new int[]{0, 199, 399}) {
            String id = run + i + "\t保温杯" + "x".repeat(100);
            List<Map<String, Object>> logged = given().queryParam("subject", id).queryParam("type", "RESTOCK")
                    .get("/api/decisions").then().statusCode(200).extract().jsonPath().getList("$");
            assertEquals(1, logged.size(), "decisions logged for fact " + i);
            assertEquals(id, logged.get(0).get("subject"));
        }
    }

    @Test
    void copyTextEscapesWhatWouldEndAColumnOrARow() {
        StringBuilder text = new StringBuilder();
        CopyText.append(text, "a\tb\nc\rd\\e\\N");
        assertEquals("a\\tb\\nc\\rd\\\\e\\\\N", text.toString());
    }
}
