package io.shoprules.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.shoprules.StartsFromEmptyTables;
import io.shoprules.actions.ActionHook;
import io.shoprules.engine.CompiledRuleSet;
import io.shoprules.engine.FactReader;
import io.shoprules.engine.Now;
import io.shoprules.engine.RuleDecision;
import io.shoprules.engine.RuleSets;
import io.shoprules.facts.FactPages;
import io.shoprules.facts.FactStore;
import io.shoprules.facts.StoredFactRow;
import io.shoprules.inventory.RestockDecision;
import io.shoprules.inventory.Sku;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The feature hook that moves a stored fact on once its action exists (what a cart's
 * remindersSent/lastRemindedAt need), shown with a policy that books a restock's quantity as in transit.
 */
@QuarkusTest
class JobFactUpdateTest implements StartsFromEmptyTables {

    @Inject
    JobBatchWriter writer;
    @Inject
    JobRuns runs;
    @Inject
    FactStore store;
    @Inject
    FactReader reader;
    @Inject
    ObjectMapper json;
    @Inject
    RuleSets ruleSets;

    /** Like a cart reminder's step counter: the fact remembers the action was taken. */
    static final class BookRestockInTransit implements ActionHook {
        int calls;

        @Override
        public String ruleSet() {
            return "inventory";
        }

        @Override
        public String idempotencyKey(RuleDecision decision, Now now) {
            return ActionHook.perSubjectPerDay(decision, now);
        }

        @Override
        public Object afterAction(Object fact, RuleDecision decision, Now now) {
            calls++;
            Sku sku = (Sku) fact;
            int ordered = Math.toIntExact(((RestockDecision) decision.decision()).quantity());
            return new Sku(sku.skuId(), sku.title(), sku.onHand(), sku.inTransit() + ordered, sku.avgDailySales(),
                    sku.leadTimeDays(), sku.presaleDeposits(), sku.listedOn());
        }
    }

    @Test
    void theFactMovesOnOnceAndAStaleReadNeverOverwritesIt() throws Exception {
        put(StoredInventory.skuJson("hook", 0)); // onHand 5, needs 95 more
        BookRestockInTransit policy = new BookRestockInTransit();
        Now now = new Now(OffsetDateTime.now(), ZoneId.of("Asia/Shanghai"));

        StoredBatch stale = readBatch();
        writeBatch(policy, now, stale);
        assertEquals(95, inTransit());

        // The same (now stale) read written again, as by a second instance that lost the race: the
        // action exists, and the fact is not booked twice.
        writeBatch(policy, now, stale);
        assertEquals(95, inTransit());
        assertEquals(1, given().queryParam("subject", "hook-0000000").get("/api/actions").then().extract().jsonPath().getList("").size());

        // The shop re-posts the SKU without the booking: the action exists, so the booking is restored.
        put(StoredInventory.skuJson("hook", 0));
        writeBatch(policy, now, readBatch());
        assertEquals(95, inTransit());
        assertEquals(3, policy.calls);
    }

    private void writeBatch(ActionHook policy, Now now, StoredBatch batch) {
        CompiledRuleSet compiled = ruleSets.serving("inventory");
        long runId = runs.start("inventory", JobTrigger.MANUAL, compiled.version(), 500);
        var evaluation = compiled.evaluate(now, batch.facts().stream().map(StoredBatch.Fact::value).toList());
        writer.write(runId, 1, policy, now, batch, evaluation, 0, null);
        runs.finish(runId, null);
    }

    private StoredBatch readBatch() throws Exception {
        List<StoredFactRow> rows = store.page("inventory", FactPages.START, 10);
        List<StoredBatch.Fact> facts = rows.stream()
                .map(row -> new StoredBatch.Fact(row.factId(), row.contentHash(), read(row.payload()), row.scanGroup()))
                .toList();
        return new StoredBatch(rows.size(), facts, 0, null, rows.get(rows.size() - 1));
    }

    private Object read(String payload) {
        try {
            return reader.read("fact", List.of(json.readTree(payload)), Sku.class).get(0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int inTransit() {
        return store.find("inventory", "hook-0000000").orElseThrow().fact().get("inTransit").asInt();
    }

    private static void put(String sku) {
        given().contentType(ContentType.JSON).body("{\"facts\": [" + sku + "]}").put("/api/facts/inventory")
                .then().statusCode(200);
    }
}
