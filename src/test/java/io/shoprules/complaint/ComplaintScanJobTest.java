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

/** The SLA scan warns and escalates a complaint once per promise, however often it runs. */
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

    /**
     * Under the fixture policy (a 4 h response and a 24 h resolution SLA, warned 1 h before, on a
     * calendar open round the clock) a complaint 3.5 h old is due for a response warning, and 23.5 h
     * old for a resolution warning.
     */
    @Test
    void slaWarningIsSentOncePerComplaintAndReason() {
        OffsetDateTime now = OffsetDateTime.now();
        store("warned-complaint", now.minusMinutes(210));
        runScan();
        runScan();
        assertEquals(List.of("RESPONSE_SLA"), reasons("SLA_WARNING", "warned-complaint"));

        // the complaint was made a little later than first stored: its due instant moves, the warning is not sent again
        store("warned-complaint", now.minusMinutes(200));
        runScan();
        assertEquals(List.of("RESPONSE_SLA"), reasons("SLA_WARNING", "warned-complaint"));

        // nearly a day later: the resolution promise is about to be broken too
        store("warned-complaint", now.minusMinutes(23 * 60 + 30));
        runScan();
        runScan();
        assertEquals(List.of("RESOLUTION_SLA", "RESPONSE_SLA"), reasons("SLA_WARNING", "warned-complaint"));
        assertEquals(List.of("RESPONSE_SLA"), reasons("ESCALATION", "warned-complaint"));
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
        store("job-complaint", createdAt);
    }

    private static void store(String complaintId, OffsetDateTime createdAt) {
        given().contentType(ContentType.JSON)
                .body("""
                        {"facts": [{"complaintId": "%s", "orderId": "o", "type": "SERVICE", "orderAmount": 20,
                                    "createdAt": "%s"}]}"""
                        .formatted(complaintId, createdAt))
                .put("/api/facts/complaint").then().statusCode(200);
    }

    private static void runScan() {
        given().post("/api/jobs/complaint/run").then().statusCode(200).body("errors", equalTo(0));
    }

    private static List<String> escalationReasons() {
        return reasons("ESCALATION", "job-complaint");
    }

    private static List<String> reasons(String type, String subject) {
        return given().queryParam("type", type).queryParam("subject", subject)
                .get("/api/actions").then().statusCode(200)
                .extract().jsonPath().getList("decision.reason", String.class).stream().sorted().toList();
    }
}
