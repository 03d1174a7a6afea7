package io.shoprules.decisions;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.shoprules.engine.Evaluation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Instant;

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
    private final Queue<Evaluation> queue = new ConcurrentLinkedQueue<>();
    /** The queue's length: ConcurrentLinkedQueue counts by walking itself. */
    private final AtomicInteger queued = new AtomicInteger();
    private final Counter setAside;
    private volatile Instant lastSetAsideAt;
    private volatile boolean failing;
    private volatile boolean running;
    private Thread writer;

    public DecisionRecorder(DecisionLog log, DecisionLogConfig config, MeterRegistry meters) {
        this.log = log;
        this.async = config.logWrites() == DecisionLogConfig.LogWrites.ASYNC;
        this.setAside = Counter.builder("shoprules.decision.log.set.aside")
                .description("REST decision lists the decision log refused for their content and left unwritten")
                .register(meters);
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
            if (!write(rest)) {
                LOG.errorf("the database is failing at shutdown: %d decision lists stay unwritten", queued.get());
                return;
            }
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
        return failing;
    }

    /** Decision lists waiting for the writer. */
    public int queued() {
        return queued.get();
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
                if (!write(batch)) {
                    sleepAfterFailure();
                    break;
                }
            }
        }
    }

    /**
     * Writes {@code batch} in one transaction or, when that fails, entry by entry, setting aside the
     * entries refused for their content.
     *
     * @return false when the database failed otherwise: the unwritten entries are back in the queue
     */
    private boolean write(List<Evaluation> batch) {
        try {
            log.recordAll(batch, DecisionSource.REST);
            failing = false;
            return true;
        } catch (RuntimeException batchFailure) {
            LOG.warnf("writing a batch of %d decision lists failed (%s); writing them one by one", batch.size(),
                    reasonOf(batchFailure));
        }
        for (int i = 0; i < batch.size(); i++) {
            Evaluation entry = batch.get(i);
            try {
                log.recordAll(List.of(entry), DecisionSource.REST);
            } catch (RuntimeException e) {
                if (!refusedForContent(e)) {
                    // The batch goes back: a database hiccup must not lose decisions.
                    LOG.errorf("writing decision lists failed (%s); %d go back to the queue", reasonOf(e), batch.size() - i);
                    batch.subList(i, batch.size()).forEach(this::requeue);
                    failing = true;
                    return false;
                }
                setAside(entry, e);
            }
        }
        failing = false;
        return true;
    }

    private void setAside(Evaluation entry, RuntimeException e) {
        setAside.increment();
        lastSetAsideAt = Instant.now();
        // The reason is a state code and a class name only: database messages quote the row, customer data included.
        LOG.errorf("decision log: set aside %d decisions of rule set %s version %s, which the database refuses (%s);"
                + " the log goes on without them", entry.decisions().size(), entry.ruleSet(), entry.version(), reasonOf(e));
    }

    /**
     * A data exception (SQLSTATE class 22: out of range, bad character) or an integrity violation
     * (class 23) fails again on every retry; so does a failure that is no database error at all.
     */
    static boolean refusedForContent(Throwable failure) {
        String state = sqlState(failure);
        if (state != null) {
            return state.startsWith("22") || state.startsWith("23");
        }
        return !hasSqlException(failure);
    }

    static String reasonOf(Throwable failure) {
        String state = sqlState(failure);
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (state == null ? "" : ", SQLSTATE " + state);
    }

    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (next.getSQLState() != null) {
                        return next.getSQLState();
                    }
                }
            }
        }
        return null;
    }

    private static boolean hasSqlException(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException) {
                return true;
            }
        }
        return false;
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
