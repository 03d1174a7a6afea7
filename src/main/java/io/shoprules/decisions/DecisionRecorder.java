package io.shoprules.decisions;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.shoprules.engine.Evaluation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records the decisions of REST requests off the request path: a writer thread stores what has
 * queued up in one transaction per batch, which costs a fraction of a transaction per request.
 * After the first entry of a batch it waits up to {@link #LINGER_MILLIS} for more: under load a
 * transaction per few requests cost as much CPU as the rules (begin, commit, connection).
 * When the queue is full the request writes its own decisions (slower, never lost); on shutdown
 * the queue is drained. Only a hard kill can lose the last fraction of a second of log entries;
 * set {@code shoprules.decisions.log-writes=sync} where that matters more than throughput.
 */
@ApplicationScoped
public class DecisionRecorder {

    private static final Logger LOG = Logger.getLogger(DecisionRecorder.class);
    private static final int QUEUE = 10_000;
    private static final int BATCH = 500;
    private static final long LINGER_MILLIS = 20;

    private final DecisionLog log;
    private final boolean async;
    private final BlockingQueue<Evaluation> queue = new ArrayBlockingQueue<>(QUEUE);
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
        running = false;
        if (writer != null) {
            writer.interrupt();
            writer.join(TimeUnit.SECONDS.toMillis(10));
        }
        List<Evaluation> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (!rest.isEmpty()) {
            log.recordAll(rest, DecisionSource.REST);
        }
    }

    /** Records the decisions of one REST request. */
    public void record(Evaluation evaluation) {
        if (evaluation.decisions().isEmpty()) {
            return;
        }
        if (!async || !running || !queue.offer(evaluation)) {
            log.recordAll(List.of(evaluation), DecisionSource.REST);
        }
    }

    private void writeQueued() {
        List<Evaluation> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Evaluation first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                collectMore(batch);
                log.recordAll(batch, DecisionSource.REST);
            } catch (InterruptedException e) {
                // stopping: what was collected is written here, what is still queued by stop()
                if (!batch.isEmpty()) {
                    log.recordAll(batch, DecisionSource.REST);
                }
                if (!running) {
                    return;
                }
            } catch (RuntimeException e) {
                // The batch goes back: a database hiccup must not lose decisions.
                LOG.errorf(e, "writing %d decision batches failed; retrying", batch.size());
                batch.forEach(queue::offer);
                sleepAfterFailure();
            }
            batch.clear();
        }
    }

    private void collectMore(List<Evaluation> batch) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
        queue.drainTo(batch, BATCH - batch.size());
        while (batch.size() < BATCH && running) {
            Evaluation next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, BATCH - batch.size());
        }
    }

    private void sleepAfterFailure() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
