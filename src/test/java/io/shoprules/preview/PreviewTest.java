package io.shoprules.preview;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.shoprules.StartsFromEmptyTables;
import io.shoprules.api.OpsKeyForTests;
import io.shoprules.cluster.ThisInstance;
import io.shoprules.decisions.InputRecorder;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Impact previews over HTTP, on the fixture inventory rules: what a draft would decide differently
 * on stored SKUs and recorded requests, without logging or acting on anything.
 */
@QuarkusTest
class PreviewTest implements StartsFromEmptyTables {

    private static final Path RESTOCK = Path.of("src/test/resources/fixtures/rules/inventory/restock.drl");
    private static final Pattern COVER_TARGET = Pattern.compile("coverTargetDays\\s*:\\s*int\\s*=\\s*(\\d+)");
    private static final String BELOW_TARGET = "restock: stock covers fewer days than the cover target";
    private static final String LOOP = "preview: touches every SKU forever";

    @Inject
    DataSource dataSource;

    @Inject
    InputRecorder inputRecorder;

    @Inject
    PreviewStore previewStore;

    @Inject
    ThisInstance thisInstance;

    /** Other tests on this instance post inventory requests too; a preview here replays only ours. */
    @BeforeEach
    void forgetRecordedInputs() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("delete from recorded_input");
        }
    }

    private record TestSku(String id, int onHand, int daily) {
        String json() {
            return """
                    {"skuId": "%s", "onHand": %d, "avgDailySales": %d, "leadTimeDays": 0}""".formatted(id, onHand, daily);
        }

        boolean restocksAt(int coverTargetDays) {
            return daily > 0 && BigDecimal.valueOf(onHand).compareTo(BigDecimal.valueOf((long) daily * coverTargetDays)) < 0;
        }
    }

    /** SKUs with 10 a day and a cover of every interesting number of days around both targets. */
    private static List<TestSku> skus(String prefix, int oldTarget, int newTarget) {
        List<TestSku> skus = new ArrayList<>();
        for (int cover : new int[]{oldTarget - 2, oldTarget - 1, oldTarget, oldTarget + 1, newTarget - 1, newTarget,
                newTarget + 1}) {
            skus.add(new TestSku(prefix + "-cover-" + cover, cover * 10, 10));
        }
        skus.add(new TestSku(prefix + "-no-sales", 5, 0));
        return skus;
    }

    @Test
    void aHigherCoverTargetReportsExactlyTheSkusWhoseDecisionChanges() throws IOException {
        String restock = Files.readString(RESTOCK);
        int oldTarget = coverTarget(restock);
        int newTarget = oldTarget * 2;
        List<TestSku> stored = skus("pv-stored", oldTarget, newTarget);
        List<TestSku> asked = skus("pv-asked", oldTarget, newTarget);
        store(stored);
        for (TestSku sku : asked) {
            // one request per SKU: each is replayed at its own "now"
            decide(List.of(sku), "2026-03-10T10:00:00+08:00");
        }
        List<TestSku> all = new ArrayList<>(stored);
        all.addAll(asked);
        Set<String> gainRestock = all.stream().filter(s -> !s.restocksAt(oldTarget) && s.restocksAt(newTarget))
                .map(TestSku::id).collect(Collectors.toCollection(TreeSet::new));
        // already restocking: the order grows by the extra days of sales
        Set<String> orderMore = all.stream().filter(s -> s.restocksAt(oldTarget))
                .map(TestSku::id).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(!gainRestock.isEmpty() && !orderMore.isEmpty(), "the SKUs must cover both kinds of change");

        JsonPath done = awaitEnd(startPreview(Map.of("restock.drl", withCoverTarget(restock, newTarget))));

        assertEquals("DONE", done.getString("status"), done.prettify());
        assertEquals(stored.size(), done.getLong("factsReplayed"));
        assertEquals(asked.size(), done.getLong("requestsReplayed"));
        assertEquals(done.getLong("total"), done.getLong("processed"));
        assertTrue(!done.getString("baseVersion").equals(done.getString("draftVersion")));
        List<Map<String, Object>> summary = done.getList("summary");
        assertEquals(1, summary.size(), "only the restock rule decides differently: " + summary);
        assertEquals(Map.of("type", "RESTOCK", "rule", BELOW_TARGET, "added", gainRestock.size(), "removed", 0,
                "changed", orderMore.size()), summary.get(0));
        assertEquals(gainRestock, subjects(done, "added"));
        assertEquals(orderMore, subjects(done, "changed"));
        String someAdded = gainRestock.iterator().next();
        Map<String, Object> added = done.getList("examples", Map.class).stream()
                .filter(example -> someAdded.equals(example.get("subject"))).findFirst().orElseThrow();
        assertEquals(null, added.get("before"));
        assertEquals(BELOW_TARGET, ((Map<?, ?>) added.get("after")).get("rule"));
        // the fixture restock scenarios state the old target: each is offered what the draft decides
        List<Map<String, Object>> rebaseline = done.getList("rebaseline");
        assertTrue(!rebaseline.isEmpty(), "a longer cover target breaks fixture scenarios: " + done.prettify());
        for (Map<String, Object> offer : rebaseline) {
            assertEquals("PROPOSED", offer.get("status"), offer.toString());
            assertEquals(true, offer.get("passesWithDraft"), offer.toString());
            assertTrue(((String) offer.get("diff")).contains("+++ b/" + offer.get("file")), offer.toString());
        }
    }

    @Test
    void aPreviewCreatesNoActionAndNoDecisionLogEntry() throws IOException {
        String restock = Files.readString(RESTOCK);
        int oldTarget = coverTarget(restock);
        String since = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1).toString();
        store(skus("pv-quiet", oldTarget, oldTarget * 2));
        decide(skus("pv-quiet-asked", oldTarget, oldTarget * 2), null);
        int actions = actions();
        int logged = logged(since);

        JsonPath done = awaitEnd(startPreview(Map.of("restock.drl", withCoverTarget(restock, oldTarget * 2))));

        assertEquals("DONE", done.getString("status"), done.prettify());
        assertTrue(done.getList("summary").size() > 0, "the preview found changes: " + done.prettify());
        assertEquals(actions, actions());
        assertEquals(logged, logged(since));
    }

    @Test
    void aDraftWhoseRuleReFiresForeverFailsNamingTheRule() {
        store(List.of(new TestSku("pv-loop", 10, 1)));
        String loop = """
                package io.shoprules.rules.inventory;
                import io.shoprules.inventory.Sku;
                rule "%s"
                when
                    $s : Sku()
                then
                    update($s);
                end
                """.formatted(LOOP);

        JsonPath failed = awaitEnd(startPreview(Map.of("preview-loop.drl", loop)));

        assertEquals("FAILED", failed.getString("status"), failed.prettify());
        assertTrue(failed.getString("error").contains(LOOP), failed.getString("error"));
    }

    @Test
    void aPreviewIsStoredAsItEndsSoAnInstanceThatDidNotRunItAnswersTheSame() throws SQLException, IOException {
        String restock = Files.readString(RESTOCK);
        store(skus("pv-stored-row", coverTarget(restock), coverTarget(restock) * 2));
        JsonPath done = awaitEnd(startPreview(Map.of("restock.drl", withCoverTarget(restock, coverTarget(restock) * 2))));
        assertEquals("DONE", done.getString("status"), done.prettify());
        String id = done.getString("id");

        // the row another instance would read: moved to a new id, as if that instance had run it
        String elsewhere = "pv-elsewhere-" + System.nanoTime();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement copy = connection.prepareStatement("insert into preview"
                     + " (id, rule_set, status, started_at, instance_name, view_json)"
                     + " select ?, rule_set, status, started_at, 'another-instance', replace(view_json, ?, ?)"
                     + " from preview where id = ?")) {
            copy.setString(1, elsewhere);
            copy.setString(2, id);
            copy.setString(3, elsewhere);
            copy.setString(4, id);
            assertEquals(1, copy.executeUpdate(), "the finished preview has a row");
        }
        JsonPath answered = given().when().get("/api/previews/" + elsewhere).then().statusCode(200).extract().jsonPath();
        Map<String, Object> expected = new HashMap<>(done.getMap(""));
        expected.put("id", elsewhere);
        assertEquals(expected, answered.getMap(""));
    }

    @Test
    void aRunningPreviewOfThisInstancesLastLifeIsMarkedFailedAndOthersAreLeftAlone() throws SQLException {
        OffsetDateTime startedAt = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5);
        PreviewView cutOff = new PreviewView("pv-cut-off-" + System.nanoTime(), "inventory", PreviewStatus.RUNNING,
                startedAt, null, 7, 10, 100, null, "base", "draft", null, null, null, null, null, null);
        PreviewView elsewhere = new PreviewView("pv-running-elsewhere-" + System.nanoTime(), "inventory",
                PreviewStatus.RUNNING, startedAt, null, 7, 10, 100, null, "base", "draft", null, null, null, null, null, null);
        previewStore.started(cutOff);
        previewStore.started(elsewhere);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement move = connection.prepareStatement("update preview set instance_name = 'another-instance' where id = ?")) {
            move.setString(1, elsewhere.id());
            move.executeUpdate();
        }

        previewStore.failOrphans(null);

        JsonPath failed = given().when().get("/api/previews/" + cutOff.id()).then().statusCode(200).extract().jsonPath();
        assertEquals("FAILED", failed.getString("status"));
        assertTrue(failed.getString("error").contains(thisInstance.name()), failed.getString("error"));
        assertEquals(10, failed.getLong("processed"));
        assertEquals("RUNNING", given().when().get("/api/previews/" + elsewhere.id()).then().statusCode(200)
                .extract().path("status"));
    }

    @Test
    void onlyTheNewestPreviewsAreKept() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("delete from preview");
        }
        // in the past, so the previews of the tests after this one are the newest
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i <= PreviewStore.KEPT; i++) {
            PreviewView view = new PreviewView("pv-kept-" + i + "-" + System.nanoTime(), "inventory", PreviewStatus.DONE,
                    start.plusSeconds(i), start.plusSeconds(i), 7, 0, 0, null, "base", "draft", 0L, 0L, 0L,
                    List.of(), List.of(), List.of());
            previewStore.started(view);
            ids.add(view.id());
        }

        given().when().get("/api/previews/" + ids.get(0)).then().statusCode(404)
                .contentType("application/problem+json");
        given().when().get("/api/previews/" + ids.get(1)).then().statusCode(200);
        given().when().get("/api/previews/" + ids.get(PreviewStore.KEPT)).then().statusCode(200);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("select count(*) from preview")) {
            count.next();
            assertEquals(PreviewStore.KEPT, count.getInt(1));
        }
    }

    @Test
    void aDraftThatDoesNotCompileIsRefusedAndStartsNothing() {
        given().contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("broken.drl", "package io.shoprules.rules.inventory;\nrule \"x\" when then oops(\nend\n")))
                .when().post("/api/rulesets/inventory/preview")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .header("Location", emptyOrNullString())
                .body("errors.size()", not(equalTo(0)))
                .body("errors[0].file", containsString("broken.drl"));
    }

    @Test
    void previewsAreForOperationsOnly() {
        given().header("Authorization", "Bearer " + OpsKeyForTests.SHOP_KEY).contentType(ContentType.JSON)
                .body(Map.of("files", Map.of()))
                .when().post("/api/rulesets/inventory/preview")
                .then().statusCode(403);
        given().when().get("/api/previews/no-such-preview").then().statusCode(404);
    }

    @Test
    void daysOutsideOneToNinetyAreRefusedNamingTheField() {
        given().contentType(ContentType.JSON).body(Map.of("days", 91))
                .when().post("/api/rulesets/inventory/preview")
                .then().statusCode(400).body("field", containsString("days"));
    }

    @Test
    void recordedInputsOlderThanTheRetentionAreDeleted() throws SQLException {
        decide(List.of(new TestSku("pv-kept", 10, 1)), null);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        insertInput(now.minusDays(8));
        insertInput(now.minusDays(6));

        assertEquals(1, inputRecorder.deleteExpired(), "the default retention keeps 7 days");

        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select count(*) from recorded_input where received_at < ?")) {
            select.setObject(1, now.minusDays(7));
            try (ResultSet result = select.executeQuery()) {
                result.next();
                assertEquals(0, result.getLong(1));
            }
        }
        assertEquals(2, countInputs());
    }

    private void insertInput(OffsetDateTime receivedAt) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into recorded_input"
                     + " (id, rule_set, received_at, evaluated_at, facts) values (?, 'inventory', ?, ?, '[]')")) {
            insert.setLong(1, 1_000_000_000L + receivedAt.toEpochSecond());
            insert.setObject(2, receivedAt);
            insert.setObject(3, receivedAt);
            insert.executeUpdate();
        }
    }

    private long countInputs() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select count(*) from recorded_input")) {
            result.next();
            return result.getLong(1);
        }
    }

    private static int coverTarget(String restock) {
        Matcher matcher = COVER_TARGET.matcher(restock);
        assertTrue(matcher.find(), "restock.drl declares coverTargetDays");
        return Integer.parseInt(matcher.group(1));
    }

    private static String withCoverTarget(String restock, int days) {
        return COVER_TARGET.matcher(restock).replaceFirst("coverTargetDays : int = " + days);
    }

    private static void store(List<TestSku> skus) {
        given().contentType(ContentType.JSON)
                .body("{\"facts\": [" + skus.stream().map(TestSku::json).collect(Collectors.joining(",")) + "]}")
                .when().put("/api/facts/inventory")
                .then().statusCode(200);
    }

    private static void decide(List<TestSku> skus, String now) {
        String facts = skus.stream().map(TestSku::json).collect(Collectors.joining(","));
        given().header("Authorization", "Bearer " + OpsKeyForTests.SHOP_KEY).contentType(ContentType.JSON)
                .body(now == null ? "{\"facts\": [" + facts + "]}" : "{\"now\": \"" + now + "\", \"facts\": [" + facts + "]}")
                .when().post("/api/rulesets/inventory/decisions")
                .then().statusCode(200);
    }

    private static String startPreview(Map<String, String> files) {
        return given().contentType(ContentType.JSON).body(Map.of("files", files, "days", 7))
                .when().post("/api/rulesets/inventory/preview")
                .then().statusCode(202)
                .header("Location", containsString("/api/previews/"))
                .body("id", notNullValue())
                .extract().path("id");
    }

    private static JsonPath awaitEnd(String id) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonPath preview = given().when().get("/api/previews/" + id).then().statusCode(200).extract().jsonPath();
            if (!"RUNNING".equals(preview.getString("status"))) {
                return preview;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return fail("preview " + id + " did not end within a minute");
    }

    private static Set<String> subjects(JsonPath preview, String change) {
        return preview.getList("examples", Map.class).stream()
                .filter(example -> change.equals(example.get("change")))
                .map(example -> (String) example.get("subject"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static int actions() {
        return given().queryParam("size", 1000).when().get("/api/actions").then().statusCode(200)
                .extract().jsonPath().getList("").size();
    }

    private static int logged(String since) {
        return given().queryParam("ruleSet", "inventory").queryParam("since", since).queryParam("size", 1000)
                .when().get("/api/decisions").then().statusCode(200).extract().jsonPath().getList("").size();
    }
}
