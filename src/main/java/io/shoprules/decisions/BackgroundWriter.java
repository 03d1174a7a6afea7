package io.shoprules.decisions;

import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes entries to the database off the request path: requests append to a lock-free queue, a
 * writer thread takes what queued up every few milliseconds and writes it in one transaction per
 * batch. A batch the database refuses is written again entry by entry; an entry refused for its
 * content (SQLSTATE class 22 or 23, or no database error at all) would fail every retry and stop
 * everything queued behind it, so it is handed to {@link Sink#setAside} instead. Any other failure
 * (the database down) puts the entries back and waits a second: nothing is lost to a hiccup.
 *
 * @param <T> what is written
 */
final class BackgroundWriter<T> {

    /** Where the entries go, and what becomes of one the database refuses for its content. */
    interface Sink<T> {
        void writeAll(List<T> batch);

        void setAside(T entry, String reason);
    }

    private static final Logger LOG = Logger.getLogger(BackgroundWriter.class);

    private final String name;
    private final int capacity;
    private final int batchSize;
    private final long writeEveryMillis;
    private final Sink<T> sink;
    private final Queue<T> queue = new ConcurrentLinkedQueue<>();
    /** The queue's length: ConcurrentLinkedQueue counts by walking itself. */
    private final AtomicInteger queued = new AtomicInteger();
    private volatile boolean failing;
    private volatile boolean running;
    private Thread writer;

    BackgroundWriter(String name, int capacity, int batchSize, long writeEveryMillis, Sink<T> sink) {
        this.name = name;
        this.capacity = capacity;
        this.batchSize = batchSize;
        this.writeEveryMillis = writeEveryMillis;
        this.sink = sink;
    }

    void start() {
        running = true;
        writer = new Thread(this::writeQueued, name);
        writer.setDaemon(true);
        writer.start();
    }

    /** Stops the writer and writes what is still queued. */
    void stop() throws InterruptedException {
        // not interrupted: an interrupt inside a database write can close H2's file channel
        running = false;
        if (writer != null) {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        }
        for (List<T> rest = nextBatch(); !rest.isEmpty(); rest = nextBatch()) {
            if (!write(rest)) {
                LOG.errorf("%s: the database is failing at shutdown: %d entries stay unwritten", name, queued.get());
                return;
            }
        }
    }

    boolean running() {
        return running;
    }

    /** Queues {@code entry}; false when the queue is full (the caller decides what then). */
    boolean offer(T entry) {
        if (queued.incrementAndGet() <= capacity) {
            queue.add(entry);
            return true;
        }
        queued.decrementAndGet();
        return false;
    }

    int queued() {
        return queued.get();
    }

    /** Whether the last write failed for a database reason, its entries waiting in the queue. */
    boolean failing() {
        return failing;
    }

    /**
     * Wakes at a fixed rate, not after a fixed pause: a write that took longer than the period is
     * followed by the next at once, so a writer that falls behind never sleeps on a backlog, while
     * one that keeps up commits at most once a period.
     */
    private void writeQueued() {
        long period = TimeUnit.MILLISECONDS.toNanos(writeEveryMillis);
        long wakeAt = System.nanoTime();
        while (running) {
            wakeAt += period;
            long wait = wakeAt - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } else {
                // behind: start the period anew rather than catch up with wake-ups in a row
                wakeAt = System.nanoTime();
            }
            writeWhatQueued();
        }
    }

    /**
     * Writes full batches while there are any, then what is left, and no more until the next
     * wake-up. Draining to the last entry made a slow write the start of a stream of small ones:
     * entries that queued up during a 10 ms write went in a transaction of their own right after
     * it, and so on; on PostgreSQL under figure 1's half load the two writers committed 850-1,600
     * times a second where their wake-ups allow 70.
     */
    private void writeWhatQueued() {
        List<T> batch;
        do {
            batch = nextBatch();
            if (batch.isEmpty()) {
                return;
            }
            if (!write(batch)) {
                sleepAfterFailure();
                return;
            }
        } while (batch.size() == batchSize);
    }

    /** @return false when the database failed otherwise than on content: the unwritten entries are back in the queue */
    private boolean write(List<T> batch) {
        try {
            sink.writeAll(batch);
            failing = false;
            return true;
        } catch (RuntimeException batchFailure) {
            LOG.warnf("%s: writing a batch of %d failed (%s); writing them one by one", name, batch.size(),
                    reasonOf(batchFailure));
        }
        for (int i = 0; i < batch.size(); i++) {
            T entry = batch.get(i);
            try {
                sink.writeAll(List.of(entry));
            } catch (RuntimeException e) {
                if (!refusedForContent(e)) {
                    LOG.errorf("%s: writing failed (%s); %d go back to the queue", name, reasonOf(e), batch.size() - i);
                    batch.subList(i, batch.size()).forEach(this::requeue);
                    failing = true;
                    return false;
                }
                sink.setAside(entry, reasonOf(e));
            }
        }
        failing = false;
        return true;
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

    /** A state code and a class name only: database messages quote the row, customer data included. */
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

    private List<T> nextBatch() {
        List<T> batch = new ArrayList<>();
        while (batch.size() < batchSize) {
            T next = queue.poll();
            if (next == null) {
                break;
            }
            queued.decrementAndGet();
            batch.add(next);
        }
        return batch;
    }

    private void requeue(T entry) {
        queued.incrementAndGet();
        queue.add(entry);
    }

    private void sleepAfterFailure() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
