package io.shoprules.bench;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A loopback HTTP load generator: closed-loop with fixed concurrency to find the saturating rate,
 * and open-loop at a fixed rate for latency, measured from each request's intended start so a
 * stalled server cannot hide its stalls (no coordinated omission).
 *
 * <p>Each client is a thread with one keep-alive {@link Http1Connection}. Java's own HttpClient
 * spent more CPU per request than the service's echo endpoint does; on 2 cores the generator then
 * measured itself as much as the service.
 */
final class LoadGenerator {

    record Result(long ok, long failed, double perSecond, double p50Millis, double p99Millis) {
    }

    /** Enough senders that a slow answer never holds back the next planned request at the rates used here. */
    private static final int FIXED_RATE_SENDERS = 32;

    private final int port;
    private final String key;

    LoadGenerator(int port, String key) {
        this.port = port;
        this.key = key;
    }

    Http1Connection.Request post(String path, String body) {
        return Http1Connection.Request.post(path, key, body);
    }

    /** One request on a connection of its own; -1 when the service does not answer. */
    int send(Http1Connection.Request request) {
        try (Http1Connection connection = new Http1Connection(port)) {
            return connection.exchange(request);
        } catch (Exception e) {
            return -1;
        }
    }

    /** {@code concurrency} clients sending back to back for {@code seconds}. */
    Result saturate(Http1Connection.Request request, int concurrency, int seconds) throws InterruptedException {
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService clients = Executors.newFixedThreadPool(concurrency, LoadGenerator::daemon);
        for (int c = 0; c < concurrency; c++) {
            clients.submit(() -> {
                Http1Connection connection = null;
                while (System.nanoTime() < end) {
                    try {
                        if (connection == null) {
                            connection = new Http1Connection(port);
                        }
                        (connection.exchange(request) == 200 ? ok : failed).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        connection = closeQuietly(connection);
                    }
                }
                closeQuietly(connection);
            });
        }
        clients.shutdown();
        clients.awaitTermination(seconds + 30L, TimeUnit.SECONDS);
        return new Result(ok.get(), failed.get(), ok.get() / (double) seconds, Double.NaN, Double.NaN);
    }

    /**
     * Requests planned at a fixed rate for {@code seconds}; each sender takes the next planned slot,
     * waits for its time and sends. Latency counts from the planned start, so time a request spent
     * waiting for a free sender counts too.
     */
    Result fixedRate(Http1Connection.Request request, double perSecond, int seconds) throws InterruptedException {
        int total = (int) (perSecond * seconds);
        long[] latencies = new long[total];
        AtomicInteger nextSlot = new AtomicInteger();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long interval = (long) (1e9 / perSecond);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        ExecutorService senders = Executors.newFixedThreadPool(FIXED_RATE_SENDERS, LoadGenerator::daemon);
        for (int s = 0; s < FIXED_RATE_SENDERS; s++) {
            senders.submit(() -> {
                Http1Connection connection = null;
                for (int slot = nextSlot.getAndIncrement(); slot < total; slot = nextSlot.getAndIncrement()) {
                    long planned = start + slot * interval;
                    for (long wait = planned - System.nanoTime(); wait > 0; wait = planned - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    int status;
                    try {
                        if (connection == null) {
                            connection = new Http1Connection(port);
                        }
                        status = connection.exchange(request);
                    } catch (Exception e) {
                        status = -1;
                        connection = closeQuietly(connection);
                    }
                    latencies[slot] = System.nanoTime() - planned;
                    (status == 200 ? ok : failed).incrementAndGet();
                }
                closeQuietly(connection);
            });
        }
        senders.shutdown();
        senders.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Result(ok.get(), failed.get(), perSecond, sorted[total / 2] / 1e6, sorted[(int) (total * 0.99)] / 1e6);
    }

    /** Runs {@code load} on another thread while the caller does something else. */
    static Thread inBackground(Runnable load) {
        Thread thread = new Thread(load, "background-load");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static Http1Connection closeQuietly(Http1Connection connection) {
        if (connection != null) {
            connection.close();
        }
        return null;
    }

    /** Load threads never keep the JVM alive after a failed run. */
    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        return thread;
    }
}
