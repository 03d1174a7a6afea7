package io.shoprules.decisions;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.shoprules.engine.Evaluation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records the decisions of REST requests off the request path: a writer thread wakes every
 * {@link #WRITE_EVERY_MILLIS}, and stores what has queued up since in one transaction per batch,
 * a fraction of a transaction per request. Requests only append to a lock-free queue: with a
 * blocking queue, handing each entry to the waiting writer (lock hand-over, a wake-up per entry)
 * cost the request threads as much CPU as the rules did.
 * When the queue is full the request writes its own decisions (slower, never lost); on shutdown
 * the queue is drained. Only a hard kill can lose the last fraction of a second of log entries;
 * set {@code shoprules.decisions.log-writes=sync} where that matters more than throughput.
 */
@ApplicationScoped
public class DecisionRecorder {

    private static final Logger LOG = Logger.getLogger(DecisionRecorder.class);
    private static final int QUEUE = 10_000;
    private static final int BATCH = 500;
    private static final long WRITE_EVERY_MILLIS = 20;

    private final DecisionLog log;
    private final boolean async;
    private final Queue<Evaluation> queue = new ConcurrentLinkedQueue<>();
    /** The queue's length: ConcurrentLinkedQueue counts by walking itself. */
    private final AtomicInteger queued = new AtomicInteger();
    private volatile boolean running;
    private Thread writer;

    public DecisionRecorder(DecisionLog log, DecisionLogConfig config) {
        this.log = log;
        this.async = config.logWrites() == DecisionLogConfig.LogWrites.ASYNC;
    }

    void start(@Observes StartupEvent event) {
        if (async) {
            running = true;
            writer = new Thread(this::writeQueued, "decision-log-writer");
            writer.setDaemon(true);
            writer.start();
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        // not interrupted: an interrupt inside a database write can close H2's file channel
        running = false;
        if (writer != null) {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        }
        for (List<Evaluation> rest = nextBatch(); !rest.isEmpty(); rest = nextBatch()) {
            log.recordAll(rest, DecisionSource.REST);
        }
    }

    /** Records the decisions of one REST request. */
    public void record(Evaluation evaluation) {
        if (evaluation.decisions().isEmpty()) {
            return;
        }
        if (async && running) {
            if (queued.incrementAndGet() <= QUEUE) {
                queue.add(evaluation);
                return;
            }
            queued.decrementAndGet();
        }
        log.recordAll(List.of(evaluation), DecisionSource.REST);
    }

    private void writeQueued() {
        while (running) {
            try {
                TimeUnit.MILLISECONDS.sleep(WRITE_EVERY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (List<Evaluation> batch = nextBatch(); !batch.isEmpty(); batch = nextBatch()) {
                try {
                    log.recordAll(batch, DecisionSource.REST);
                } catch (RuntimeException e) {
                    // The batch goes back: a database hiccup must not lose decisions.
                    LOG.errorf(e, "writing a batch of %d decision lists failed; retrying", batch.size());
                    batch.forEach(this::requeue);
                    sleepAfterFailure();
                    break;
                }
            }
        }
    }

    private List<Evaluation> nextBatch() {
        List<Evaluation> batch = new ArrayList<>();
        while (batch.size() < BATCH) {
            Evaluation next = queue.poll();
            if (next == null) {
                break;
            }
            queued.decrementAndGet();
            batch.add(next);
        }
        return batch;
    }

    private void requeue(Evaluation evaluation) {
        queued.incrementAndGet();
        queue.add(evaluation);
    }

    private void sleepAfterFailure() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
