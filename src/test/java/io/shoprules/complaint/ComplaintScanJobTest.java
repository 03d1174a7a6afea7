package io.shoprules.complaint;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.shoprules.StartsFromEmptyTables;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The SLA scan escalates a complaint once per broken promise, however often it runs. */
@QuarkusTest
class ComplaintScanJobTest implements StartsFromEmptyTables {

    @Test
    void escalationIsSentOncePerReason() {
        store(OffsetDateTime.now().minusHours(5));
        runScan();
        runScan();
        assertEquals(List.of("RESPONSE_SLA"), escalationReasons());

        // A day later it is still open: the resolution promise is broken too, the response one is not sent again.
        store(OffsetDateTime.now().minusHours(25));
        runScan();
        runScan();
        assertEquals(List.of("RESOLUTION_SLA", "RESPONSE_SLA"), escalationReasons());
    }

    @Test
    void aCrisisAmongStoredComplaintsIsFoundAcrossBatches() {
        // 600 other complaints whose ids sort between the five (more than a 500-fact batch): in id
        // order the five would land in different batches; the scan reads one SKU's complaints together.
        OffsetDateTime now = OffsetDateTime.now();
        StringBuilder facts = new StringBuilder();
        String[] crisisIds = {"a-crisis", "g-crisis", "m-crisis", "s-crisis", "z-crisis"};
        for (int i = 0; i < crisisIds.length; i++) {
            facts.append(complaintJson(crisisIds[i], "stored-crisis-sku", "QUALITY", now.minusMinutes(30L * (i + 1)))).append(',');
        }
        for (int i = 0; i < 600; i++) {
            String id = (char) ('b' + i % 24) + "-other-" + i;
            facts.append(complaintJson(id, "other-sku-" + i, "QUALITY", now.minusMinutes(10))).append(',');
        }
        given().contentType(ContentType.JSON).body("{\"facts\": [" + facts.substring(0, facts.length() - 1) + "]}")
                .put("/api/facts/complaint").then().statusCode(200);

        runScan();
        runScan();

        given().queryParam("type", "CRISIS_ALERT").get("/api/actions").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].subject", equalTo("stored-crisis-sku"))
                .body("[0].decision.count", equalTo(5));
    }

    private static String complaintJson(String id, String skuId, String type, OffsetDateTime createdAt) {
        return """
                {"complaintId": "%s", "orderId": "o-%s", "skuId": "%s", "type": "%s", "orderAmount": 20, "createdAt": "%s"}"""
                .formatted(id, id, skuId, type, createdAt);
    }

    private static void store(OffsetDateTime createdAt) {
        given().contentType(ContentType.JSON)
                .body("""
                        {"facts": [{"complaintId": "job-complaint", "orderId": "o", "type": "SERVICE", "orderAmount": 20,
                                    "createdAt": "%s"}]}"""
                        .formatted(createdAt))
                .put("/api/facts/complaint").then().statusCode(200);
    }

    private static void runScan() {
        given().post("/api/jobs/complaint/run").then().statusCode(200).body("errors", equalTo(0));
    }

    private static List<String> escalationReasons() {
        return given().queryParam("type", "ESCALATION").queryParam("subject", "job-complaint")
                .get("/api/actions").then().statusCode(200)
                .extract().jsonPath().getList("decision.reason", String.class).stream().sorted().toList();
    }
}
