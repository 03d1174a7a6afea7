package io.shoprules.decisions;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.shoprules.engine.Evaluation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.time.Instant;

import java.util.List;

/**
 * Records the decisions of REST requests off the request path: a writer thread wakes every
 * {@link #WRITE_EVERY_MILLIS}, and stores what has queued up since in one transaction per batch,
 * a fraction of a transaction per request. Requests only append to a lock-free queue: with a
 * blocking queue, handing each entry to the waiting writer (lock hand-over, a wake-up per entry)
 * cost the request threads as much CPU as the rules did.
 * When the queue is full the request writes its own decisions (slower, never lost); on shutdown
 * the queue is drained. Only a hard kill can lose the last fraction of a second of log entries;
 * set {@code shoprules.decisions.log-writes=sync} where that matters more than throughput.
 *
 * <p>A batch the database refuses is written again entry by entry. An entry the database refuses
 * for its content (a value out of a column's range, a character it cannot store) would fail every
 * retry and, re-queued with the rest, once stopped the whole log: it is set aside instead, counted in
 * {@code shoprules.decision.log.set.aside}, logged without its data and shown by {@link DecisionLogHealth}.
 * Any other failure (the database down) puts the entries back and waits a second.
 */
@ApplicationScoped
public class DecisionRecorder {

    private static final Logger LOG = Logger.getLogger(DecisionRecorder.class);
    private static final int QUEUE = 10_000;
    private static final int BATCH = 500;
    private static final long WRITE_EVERY_MILLIS = 20;

    private final DecisionLog log;
    private final boolean async;
    private final BackgroundWriter<DecisionLog.Requested> writer;
    private final Counter setAside;
    private volatile Instant lastSetAsideAt;

    public DecisionRecorder(DecisionLog log, DecisionLogConfig config, MeterRegistry meters) {
        this.log = log;
        this.async = config.logWrites() == DecisionLogConfig.LogWrites.ASYNC;
        this.setAside = Counter.builder("shoprules.decision.log.set.aside")
                .description("REST decision lists the decision log refused for their content and left unwritten")
                .register(meters);
        this.writer = new BackgroundWriter<>("decision-log-writer", QUEUE, BATCH, WRITE_EVERY_MILLIS,
                new BackgroundWriter.Sink<>() {
                    @Override
                    public void writeAll(List<DecisionLog.Requested> batch) {
                        log.recordRequests(batch);
                    }

                    @Override
                    public void setAside(DecisionLog.Requested requested, String reason) {
                        Evaluation entry = requested.evaluation();
                        setAside.increment();
                        lastSetAsideAt = Instant.now();
                        LOG.errorf("decision log: set aside %d decisions of rule set %s version %s, which the database"
                                + " refuses (%s); the log goes on without them", entry.decisions().size(), entry.ruleSet(),
                                entry.version(), reason);
                    }
                });
    }

    void start(@Observes StartupEvent event) {
        if (async) {
            writer.start();
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        writer.stop();
    }

    /** Records the decisions of one REST request, linked to its recorded input by {@code requestId}. */
    public void record(Evaluation evaluation, long requestId) {
        if (evaluation.decisions().isEmpty()) {
            return;
        }
        DecisionLog.Requested requested = new DecisionLog.Requested(evaluation, requestId);
        if (async && writer.running() && writer.offer(requested)) {
            return;
        }
        log.recordRequests(List.of(requested));
    }

    /** Decision lists set aside since start-up. */
    public long setAside() {
        return (long) setAside.count();
    }

    /** When the last one was set aside; null when none was. */
    public Instant lastSetAsideAt() {
        return lastSetAsideAt;
    }

    /** Whether the last write failed for a database reason, its entries waiting in the queue. */
    public boolean failing() {
        return writer.failing();
    }

    /** Decision lists waiting for the writer. */
    public int queued() {
        return writer.queued();
    }
}
