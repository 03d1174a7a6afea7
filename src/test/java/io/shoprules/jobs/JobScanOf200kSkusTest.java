package io.shoprules.jobs;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.shoprules.StartsFromEmptyTables;
import io.shoprules.facts.FactStore;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The nightly inventory scan over 200,000 stored SKUs: every one read, batch by batch, memory bounded. */
@QuarkusTest
class JobScanOf200kSkusTest implements StartsFromEmptyTables {

    private static final Logger LOG = Logger.getLogger(JobScanOf200kSkusTest.class);
    private static final int SKUS = 200_000;
    private static final int CHUNK = 10_000;

    @Inject
    FactStore store;
    @Inject
    JobsConfig config;

    /** 200,000 stored SKUs would slow every test after this one. */
    @AfterEach
    void leaveEmptyTables() throws SQLException {
        emptyTables();
    }

    @Test
    void twoHundredThousandSkusAreScannedInBoundedBatches() throws Exception {
        long storing = System.nanoTime();
        for (int from = 0; from < SKUS; from += CHUNK) {
            given().contentType(ContentType.JSON).body(StoredInventory.body("bulk", from, from + CHUNK))
                    .when().put("/api/facts/inventory")
                    .then().statusCode(200).body("created", equalTo(CHUNK));
        }
        double storeSeconds = (System.nanoTime() - storing) / 1e9;
        assertEquals(SKUS, store.count("inventory"));

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.start();

        long scanning = System.nanoTime();
        int batchSize = config.batchSize();
        int expected = StoredInventory.expectedActions(SKUS);
        given().when().post("/api/jobs/inventory/run")
                .then().statusCode(200)
                .body("status", equalTo("SUCCEEDED"))
                .body("factsRead", equalTo(SKUS))
                .body("batchSize", equalTo(batchSize))
                // every page is one bounded query: ceil(facts / batch size) of them
                .body("batches", equalTo((SKUS + batchSize - 1) / batchSize))
                .body("decisions", equalTo(expected))
                .body("actionsCreated", equalTo(expected))
                .body("errors", equalTo(0));
        double scanSeconds = (System.nanoTime() - scanning) / 1e9;
        sampling.set(false);
        sampler.join();

        long grewMb = (peak.get() - baseline) / (1024 * 1024);
        System.gc();
        // On H2 in-memory the database itself lives in this heap: retained growth includes its new rows.
        long retainedMb = (memory.getHeapMemoryUsage().getUsed() - baseline) / (1024 * 1024);
        LOG.infof("200k SKUs: stored in %.1f s (%.0f facts/s); scanned in %.1f s (%.0f facts/s, %d actions);"
                        + " heap baseline %d MB, peak %d MB (+%d MB incl. garbage), retained after GC +%d MB, max %d MB",
                storeSeconds, SKUS / storeSeconds, scanSeconds, SKUS / scanSeconds, expected, baseline >> 20,
                peak.get() >> 20, grewMb, retainedMb,
                memory.getHeapMemoryUsage().getMax() >> 20);
        assertEquals(expected, StoredInventory.expectedActions(SKUS));

        // Re-running the same day reads everything again and creates nothing.
        given().when().post("/api/jobs/inventory/run")
                .then().statusCode(200).body("factsRead", equalTo(SKUS)).body("actionsCreated", equalTo(0));
    }
}
