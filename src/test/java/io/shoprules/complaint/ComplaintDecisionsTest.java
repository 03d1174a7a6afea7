package io.shoprules.complaint;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class ComplaintDecisionsTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String DAY_OLD_COMPLAINT = """
            {"now": "2026-03-11T10:00:00+08:00",
             "facts": [{"complaintId": "http-day-old", "orderId": "o-d", "type": "SERVICE", "orderAmount": 10,
                        "createdAt": "2026-03-10T10:00:00+08:00"}]}""";

    @Test
    void lateParcelOfABlackMemberGetsADoubledCappedCoupon() {
        decide("""
                {"now": "2026-03-10T10:00:00+08:00",
                 "facts": [{"complaintId": "http-c-1", "orderId": "o-1", "type": "LOGISTICS_DELAY", "delayDays": 5,
                            "memberTier": "BLACK", "orderAmount": 150, "createdAt": "2026-03-10T09:00:00+08:00",
                            "firstRespondedAt": "2026-03-10T09:10:00+08:00"}]}""")
                .statusCode(200)
                .body("ruleSet", equalTo("complaint"))
                .body("decisions", hasSize(1))
                .body("decisions[0].type", equalTo("COMPENSATION"))
                .body("decisions[0].couponAmount", equalTo(30.0f))
                .body("decisions[0].followUp", equalTo("DEDICATED_AGENT"));
    }

    @Test
    void fiveComplaintsAboutOneSkuRaiseOneCrisisRecordedWithAllFive() {
        String complaints = IntStream.rangeClosed(1, 5)
                .mapToObj(i -> """
                        {"complaintId": "crisis-%d", "orderId": "o-%d", "skuId": "http-crisis-sku", "type": "QUALITY",
                         "orderAmount": 50, "createdAt": "2026-03-10T0%d:00:00+08:00",
                         "firstRespondedAt": "2026-03-10T0%d:30:00+08:00"}""".formatted(i, i, i, i))
                .collect(Collectors.joining(","));
        decide("{\"now\": \"2026-03-10T10:00:00+08:00\", \"facts\": [" + complaints + "]}")
                .statusCode(200)
                .body("decisions.findAll { it.type == 'FAST_REFUND' }", hasSize(5))
                .body("decisions.findAll { it.type == 'CRISIS_ALERT' }", hasSize(1))
                .body("decisions.find { it.type == 'CRISIS_ALERT' }.count", equalTo(5))
                .body("decisions.find { it.type == 'CRISIS_ALERT' }.subject", equalTo("http-crisis-sku"));

        given().queryParam("subject", "http-crisis-sku").queryParam("type", "CRISIS_ALERT")
                .when().get("/api/decisions")
                .then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].factIds", containsInAnyOrder("crisis-1", "crisis-2", "crisis-3", "crisis-4", "crisis-5"));
    }

    @Test
    void unansweredDayOldComplaintIsEscalatedForBothPromises() {
        decide("""
                {"now": "2026-03-11T10:00:00+08:00",
                 "facts": [{"complaintId": "http-c-2", "orderId": "o-2", "type": "SERVICE", "orderAmount": 10,
                            "createdAt": "2026-03-10T02:00:00Z"}]}""")
                .statusCode(200)
                .body("decisions.reason", hasItems("RESPONSE_SLA", "RESOLUTION_SLA"))
                .body("decisions", hasSize(2));
    }

    /**
     * The fixture calendar (src/test/resources/fixtures/rules/complaint/business-hours.calendar) is
     * open round the clock but for a holiday on 2025-01-01 and hours of 10:00-12:00 on 2025-01-06: the
     * SLAs count what it says, not the clock.
     */
    @Test
    void theSlaClockFollowsTheCalendarFile() {
        decide("""
                {"now": "2025-01-02T01:00:00+08:00",
                 "facts": [{"complaintId": "http-holiday", "orderId": "o-h", "type": "SERVICE", "orderAmount": 10,
                            "createdAt": "2024-12-31T22:00:00+08:00"}]}""")
                .statusCode(200)
                // 27 clock hours, but 2 h on 31 December + 1 h on 2 January: 1 h before the 4 h response SLA
                .body("decisions", hasSize(1))
                .body("decisions[0].type", equalTo("SLA_WARNING"))
                .body("decisions[0].subject", equalTo("http-holiday"))
                .body("decisions[0].reason", equalTo("RESPONSE_SLA"))
                .body("decisions[0].dueAt", equalTo("2025-01-02T02:00:00+08:00"));

        decide("""
                {"now": "2025-01-07T01:00:00+08:00",
                 "facts": [{"complaintId": "http-short-day", "orderId": "o-s", "type": "SERVICE", "orderAmount": 10,
                            "createdAt": "2025-01-06T08:00:00+08:00"}]}""")
                .statusCode(200)
                // 17 clock hours, but 10:00-12:00 on 6 January + 1 h on the 7th = 3 business hours
                .body("decisions", hasSize(1))
                .body("decisions[0].type", equalTo("SLA_WARNING"))
                .body("decisions[0].dueAt", equalTo("2025-01-07T02:00:00+08:00"));
    }

    @Test
    void aBrokenCalendarIsRejectedWithFileAndLineAndTheServingVersionStays() {
        String serving = decide(DAY_OLD_COMPLAINT).statusCode(200).extract().path("version");

        given().contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("business-hours.calendar",
                        "# 30 February\nMON-SUN 00:00-24:00\nholiday 2026-02-30 no such day\n")))
                .when().post("/api/rulesets/complaint/validate")
                .then().statusCode(200)
                .body("valid", equalTo(false))
                .body("errors[0].file", equalTo("business-hours.calendar"))
                .body("errors[0].line", equalTo(3))
                .body("errors[0].message", containsString("2026-02-30"));

        // a calendar under another name would be ignored: refused instead
        given().contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("business_hours.calendar", "MON-SUN 09:00-18:00\n")))
                .when().post("/api/rulesets/complaint/validate")
                .then().statusCode(200)
                .body("valid", equalTo(false))
                .body("errors[0].file", equalTo("business_hours.calendar"));

        decide(DAY_OLD_COMPLAINT).statusCode(200)
                .body("version", equalTo(serving))
                .body("decisions.reason", hasItems("RESPONSE_SLA", "RESOLUTION_SLA"));
    }

    @Test
    void unknownComplaintTypeIsRejected() {
        decide(complaint("\"type\": \"LOST_PARCEL\""))
                .statusCode(400).contentType(PROBLEM)
                .body("field", equalTo("facts[0].type"))
                .body("detail", containsString("LOGISTICS_DELAY"));
    }

    @Test
    void unknownMemberTierIsRejected() {
        decide(complaint("\"type\": \"QUALITY\", \"memberTier\": \"PLATINUM\""))
                .statusCode(400).contentType(PROBLEM).body("field", equalTo("facts[0].memberTier"));
    }

    @Test
    void timeWithoutOffsetIsRejected() {
        decide("""
                {"facts": [{"complaintId": "c", "orderId": "o", "type": "QUALITY", "orderAmount": 1,
                            "createdAt": "2026-03-10T09:00:00"}]}""")
                .statusCode(400).contentType(PROBLEM).body("field", equalTo("facts[0].createdAt"));
    }

    @Test
    void resolvedBeforeCreatedIsRejected() {
        decide(complaint("\"type\": \"QUALITY\", \"resolvedAt\": \"2026-03-10T08:00:00+08:00\""))
                .statusCode(400).contentType(PROBLEM).body("field", equalTo("facts[0].resolvedAt"));
    }

    @Test
    void negativeOrderAmountIsRejected() {
        decide("""
                {"facts": [{"complaintId": "c", "orderId": "o", "type": "QUALITY", "orderAmount": -1,
                            "createdAt": "2026-03-10T09:00:00+08:00"}]}""")
                .statusCode(400).contentType(PROBLEM).body("field", equalTo("facts[0].orderAmount"));
    }

    @Test
    void missingComplaintIdIsRejected() {
        decide("""
                {"facts": [{"orderId": "o", "type": "QUALITY", "orderAmount": 1, "createdAt": "2026-03-10T09:00:00+08:00"}]}""")
                .statusCode(400).contentType(PROBLEM).body("field", equalTo("facts[0].complaintId"));
    }

    private static String complaint(String fields) {
        return """
                {"facts": [{"complaintId": "c", "orderId": "o", "orderAmount": 1,
                            "createdAt": "2026-03-10T09:00:00+08:00", %s}]}""".formatted(fields);
    }

    private static ValidatableResponse decide(String body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/rulesets/complaint/decisions")
                .then();
    }
}
