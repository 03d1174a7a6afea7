package io.shoprules.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Test hook on job batches: crash a run at a given batch (before it commits), or hold it there. */
@ApplicationScoped
public class JobBatchProbe {

    private volatile long crashAtBatch = -1;
    private volatile long loseRaceAtBatch = -1;
    private volatile CountDownLatch holding;
    private volatile CountDownLatch release;

    void onBatch(@Observes JobBatchWritten batch) throws InterruptedException {
        if (batch.batch() == crashAtBatch) {
            crashAtBatch = -1;
            throw new IllegalStateException("simulated crash in batch " + batch.batch() + " of run " + batch.runId());
        }
        if (batch.batch() == loseRaceAtBatch) {
            loseRaceAtBatch = -1;
            throw new IllegalStateException("simulated lost race in batch " + batch.batch(),
                    new SQLException("could not serialize access due to concurrent update", "40001"));
        }
        CountDownLatch waitFor = release;
        if (waitFor != null) {
            holding.countDown();
            waitFor.await(30, TimeUnit.SECONDS);
        }
    }

    public void crashAt(long batch) {
        crashAtBatch = batch;
    }

    /** The batch fails once as if another instance had written the same rows first (a write conflict). */
    public void loseRaceAt(long batch) {
        loseRaceAtBatch = batch;
    }

    /** The next batch waits until {@link #release()}; returns a latch that opens once it waits. */
    public CountDownLatch hold() {
        holding = new CountDownLatch(1);
        release = new CountDownLatch(1);
        return holding;
    }

    public void release() {
        CountDownLatch waitFor = release;
        release = null;
        if (waitFor != null) {
            waitFor.countDown();
        }
    }

    public void reset() {
        crashAtBatch = -1;
        loseRaceAtBatch = -1;
        release();
    }
}
