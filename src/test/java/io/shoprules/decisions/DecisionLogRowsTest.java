package io.shoprules.decisions;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.shoprules.api.OpsKeyForTests;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A row of the decision log holds every decision one request made of one type about one subject,
 * and the log reads back each decision as the client received it: over HTTP with the fixture
 * listing rule set, whose term lists find several terms in one copy.
 */
@QuarkusTest
class DecisionLogRowsTest {

    @Inject
    DataSource dataSource;

    @Inject
    DecisionLog log;

    @Test
    void theTermsFoundInOneListingShareARowAndAreListedOneByOne() throws SQLException {
        List<Map<String, Object>> answered = decide("rows-1", "根治失眠 治疗 万能 永久 国家级");
        long types = answered.stream().map(decision -> decision.get("type")).distinct().count();
        assertTrue(answered.size() > types, "the copy has several terms of one type: " + answered);

        List<Row> rows = rowsAbout("rows-1");
        assertEquals(types, rows.size(), "one row per type: " + rows);
        assertEquals(answered.size(), rows.stream().mapToInt(Row::decisions).sum());

        List<Map<String, Object>> logged = logged("rows-1");
        assertEquals(withoutVersionFields(answered), logged.stream().map(entry -> entry.get("decision"))
                .map(DecisionLogRowsTest::asMap).map(DecisionLogRowsTest::withoutVersionFields).collect(Collectors.toSet()),
                "every decision is logged as answered");
        logged.forEach(entry -> assertEquals(asMap(entry.get("decision")).get("rule"), entry.get("rule")));
        Map<Object, Long> idsPerType = logged.stream().collect(Collectors.groupingBy(entry -> entry.get("type"),
                Collectors.mapping(entry -> entry.get("id"), Collectors.counting())));
        Map<Object, Long> distinctIdsPerType = logged.stream().collect(Collectors.groupingBy(entry -> entry.get("type"),
                Collectors.mapping(entry -> entry.get("id"), Collectors.collectingAndThen(Collectors.toSet(), ids -> (long) ids.size()))));
        distinctIdsPerType.values().forEach(ids -> assertEquals(1L, ids, "the decisions of a row share its id: " + logged));
        Map<Object, Long> answeredPerType = answered.stream()
                .collect(Collectors.groupingBy(decision -> decision.get("type"), Collectors.counting()));
        assertEquals(answeredPerType, idsPerType);
        assertEquals(answeredPerType, log.perDay(new DecisionQuery(null, "rows-1", null, null, 0, 1)).stream()
                .collect(Collectors.groupingBy(DecisionsPerDay::type, Collectors.summingLong(DecisionsPerDay::count))),
                "the chart counts decisions, not rows");
    }

    @Test
    void decisionsTooLongForOneRowGoOnTheNextAndNoneIsCut() throws SQLException {
        String copy = "万能 永久 根治 治疗 ".repeat(100);
        List<Map<String, Object>> answered = decide("rows-2", copy);

        List<Row> rows = rowsAbout("rows-2");
        assertTrue(rows.size() > 2, "the violations need several rows: " + rows.size());
        rows.forEach(row -> assertTrue(row.payloadLength() <= 8000, "a payload fits its column: " + row));
        assertEquals(answered.size(), rows.stream().mapToInt(Row::decisions).sum());
        assertEquals(answered.size(), logged("rows-2").size());
    }

    private static List<Map<String, Object>> decide(String listingId, String description) {
        return given().header("Authorization", "Bearer " + OpsKeyForTests.SHOP_KEY).contentType(ContentType.JSON)
                .body(Map.of("now", "2026-03-10T10:00:00+08:00", "facts", List.of(Map.of("listingId", listingId,
                        "platform", "TMALL", "category", "家居", "title", "保温杯", "description", description))))
                .when().post("/api/rulesets/listing/decisions")
                .then().statusCode(200).extract().jsonPath().getList("decisions");
    }

    private static List<Map<String, Object>> logged(String subject) {
        return given().queryParam("subject", subject).queryParam("size", 1000)
                .when().get("/api/decisions").then().statusCode(200).extract().jsonPath().getList("");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object decision) {
        return (Map<String, Object>) decision;
    }

    private static java.util.Set<Map<String, Object>> withoutVersionFields(List<Map<String, Object>> decisions) {
        return decisions.stream().map(DecisionLogRowsTest::withoutVersionFields).collect(Collectors.toSet());
    }

    /** The answer names its version once, at the top; a decision names its own only in an experiment. */
    private static Map<String, Object> withoutVersionFields(Map<String, Object> decision) {
        Map<String, Object> copy = new java.util.HashMap<>(decision);
        copy.remove("version");
        return copy;
    }

    private List<Row> rowsAbout(String subject) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select type, decision_count, payload from decision_log where subject = ?")) {
            select.setString(1, subject);
            List<Row> rows = new ArrayList<>();
            try (ResultSet found = select.executeQuery()) {
                while (found.next()) {
                    rows.add(new Row(found.getString(1), found.getInt(2), found.getString(3).length()));
                }
            }
            return rows;
        }
    }

    private record Row(String type, int decisions, int payloadLength) {
    }
}
