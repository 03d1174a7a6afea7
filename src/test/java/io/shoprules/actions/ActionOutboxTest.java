package io.shoprules.actions;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.shoprules.StartsFromEmptyTables;
import io.shoprules.facts.WriteConflicts;
import io.shoprules.jobs.StoredInventory;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ActionOutboxTest implements StartsFromEmptyTables {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    Outbox outbox;

    private static void storeAndRun(String prefix, int count) {
        given().contentType(ContentType.JSON).body(StoredInventory.body(prefix, 0, count))
                .put("/api/facts/inventory").then().statusCode(200);
        given().post("/api/jobs/inventory/run").then().statusCode(200).body("status", equalTo("SUCCEEDED"));
    }

    @Test
    void actionsArePulledWithFiltersAndPagesAndAcknowledged() {
        storeAndRun("pull", 12); // 3 RESTOCK, 3 CLEARANCE
        given().queryParam("type", "RESTOCK").get("/api/actions")
                .then().statusCode(200).body("", hasSize(3)).body("type", everyItem(equalTo("RESTOCK")));
        given().queryParam("status", "PENDING").queryParam("ruleSet", "inventory").get("/api/actions")
                .then().body("", hasSize(6));
        given().queryParam("since", "2000-01-01T00:00:00Z").get("/api/actions").then().body("", hasSize(6));
        given().queryParam("since", "2999-01-01T00:00:00Z").get("/api/actions").then().body("", hasSize(0));

        List<Integer> firstPage = given().queryParam("size", 4).get("/api/actions").then().body("", hasSize(4))
                .extract().path("id");
        given().queryParam("size", 4).queryParam("afterId", firstPage.get(3)).get("/api/actions").then().body("", hasSize(2));
        given().queryParam("size", 4).queryParam("page", 1).get("/api/actions").then().body("", hasSize(2));

        int id = firstPage.get(0);
        given().post("/api/actions/" + id + "/ack").then().statusCode(200)
                .body("status", equalTo("ACKED")).body("ackedAt", notNullValue());
        given().post("/api/actions/" + id + "/ack").then().statusCode(200).body("status", equalTo("ACKED"));
        given().queryParam("status", "ACKED").get("/api/actions").then().body("", hasSize(1)).body("[0].id", equalTo(id));
        given().post("/api/actions/" + id + "/retry").then().statusCode(409).contentType(PROBLEM);
        given().get("/api/actions/" + id).then().statusCode(200).body("idempotencyKey", notNullValue());
    }

    @Test
    void badQueriesAndUnknownActionsAreProblems() {
        given().post("/api/actions/987654321/ack").then().statusCode(404).contentType(PROBLEM);
        given().get("/api/actions/987654321").then().statusCode(404).contentType(PROBLEM);
        given().queryParam("status", "LOST").get("/api/actions").then().statusCode(400).contentType(PROBLEM);
        given().queryParam("since", "yesterday").get("/api/actions").then().statusCode(400).contentType(PROBLEM)
                .body("field", equalTo("since"));
        given().queryParam("size", 5000).get("/api/actions").then().statusCode(400).contentType(PROBLEM);
    }

    /** Two instances decide the same actions at the same moment: one wins, the other redoes its batch. */
    @Test
    void aConcurrentInsertOfTheSameKeysLeavesEachActionOnce() throws Exception {
        List<NewAction> actions = IntStream.range(0, 20)
                .mapToObj(i -> new NewAction("TEST:race-" + i, "inventory", "TEST", "race-" + i, "v1", "r", "{}", null))
                .toList();
        CountDownLatch firstWrote = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew().call(() -> {
            int created = outbox.add(actions).created().size();
            firstWrote.countDown();
            secondStarted.await(10, TimeUnit.SECONDS);
            Thread.sleep(300); // the second instance is now blocked on (or past) our uncommitted keys
            return created;
        }));
        assertTrue(firstWrote.await(10, TimeUnit.SECONDS));
        RuntimeException lost = null;
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                secondStarted.countDown();
                outbox.add(actions);
            });
        } catch (RuntimeException e) {
            lost = e;
        }
        assertEquals(20, first.get(10, TimeUnit.SECONDS));
        if (lost != null) {
            RuntimeException failure = lost;
            assertTrue(WriteConflicts.isConflict(failure), () -> "a conflict, not " + failure);
        }
        // The redo (what the job does after a conflict) finds every key and adds nothing.
        int redone = QuarkusTransaction.requiringNew().call(() -> outbox.add(actions).created().size());
        assertEquals(0, redone);
        assertEquals(20, outbox.count("inventory", null));
    }

    /**
     * Two instances add overlapping batches at the same moment: every key is created exactly once,
     * by exactly one of them, and each call says which keys it created. On PostgreSQL both calls
     * go through (the second waits for the first's keys, then skips them); on the portable path the
     * second may lose the race and is redone, as the job redoes a batch.
     */
    @Test
    void overlappingBatchesAddedAtOnceCreateEachKeyExactlyOnce() throws Exception {
        List<NewAction> firstBatch = raceActions(0, 30);
        List<NewAction> secondBatch = raceActions(15, 45);
        CountDownLatch firstWrote = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);
        CompletableFuture<Outbox.Added> first = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew().call(() -> {
            Outbox.Added added = outbox.add(firstBatch);
            firstWrote.countDown();
            secondStarted.await(10, TimeUnit.SECONDS);
            Thread.sleep(300); // the second instance is now blocked on (or past) our uncommitted keys
            return added;
        }));
        assertTrue(firstWrote.await(10, TimeUnit.SECONDS));
        Outbox.Added second;
        try {
            second = QuarkusTransaction.requiringNew().call(() -> {
                secondStarted.countDown();
                return outbox.add(secondBatch);
            });
        } catch (RuntimeException lost) {
            assertTrue(WriteConflicts.isConflict(lost), () -> "a conflict, not " + lost);
            second = QuarkusTransaction.requiringNew().call(() -> outbox.add(secondBatch));
        }
        Outbox.Added firstAdded = first.get(10, TimeUnit.SECONDS);

        assertEquals(raceKeys(0, 30), firstAdded.created());
        assertEquals(raceKeys(0, 30), firstAdded.present());
        assertEquals(raceKeys(30, 45), second.created());
        assertEquals(raceKeys(15, 45), second.present());
        assertEquals(45, outbox.count("race", null));
        // every column of the new action is written, whichever path wrote it
        given().queryParam("ruleSet", "race").queryParam("subject", "overlap-40").get("/api/actions").then()
                .statusCode(200).body("", hasSize(1))
                .body("[0].idempotencyKey", equalTo("TEST:overlap-40")).body("[0].type", equalTo("TEST"))
                .body("[0].version", equalTo("v1")).body("[0].rule", equalTo("r")).body("[0].jobRunId", equalTo(7))
                .body("[0].decision.n", equalTo(40)).body("[0].status", equalTo("PENDING")).body("[0].attempts", equalTo(0))
                .body("[0].nextAttemptAt", notNullValue()).body("[0].createdAt", notNullValue());
    }

    private static List<NewAction> raceActions(int from, int to) {
        return IntStream.range(from, to)
                .mapToObj(i -> new NewAction("TEST:overlap-" + i, "race", "TEST", "overlap-" + i, "v1", "r", "{\"n\":" + i + "}", 7L))
                .toList();
    }

    private static Set<String> raceKeys(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "TEST:overlap-" + i).collect(Collectors.toSet());
    }
}
