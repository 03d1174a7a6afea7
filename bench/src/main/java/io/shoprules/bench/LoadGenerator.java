package io.shoprules.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP load generator: closed-loop with fixed concurrency to find the saturating rate,
 * and open-loop at a fixed rate for latency, measured from each request's intended start so a
 * stalled server cannot hide its stalls (no coordinated omission).
 */
final class LoadGenerator {

    record Result(long ok, long failed, double perSecond, double p50Millis, double p99Millis) {
    }

    /** HTTP/1.1: one connection per client, as shop backends connect; HTTP/2 would funnel all into one. */
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4, LoadGenerator::daemon))
            .build();
    private final String key;

    LoadGenerator(String key) {
        this.key = key;
    }

    HttpRequest post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    int send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }
    }

    /** {@code concurrency} clients sending back to back for {@code seconds}. */
    Result saturate(HttpRequest request, int concurrency, int seconds) throws InterruptedException {
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService clients = Executors.newFixedThreadPool(concurrency, LoadGenerator::daemon);
        for (int c = 0; c < concurrency; c++) {
            clients.submit(() -> {
                while (System.nanoTime() < end) {
                    (send(request) == 200 ? ok : failed).incrementAndGet();
                }
            });
        }
        clients.shutdown();
        clients.awaitTermination(seconds + 30L, TimeUnit.SECONDS);
        return new Result(ok.get(), failed.get(), ok.get() / (double) seconds, Double.NaN, Double.NaN);
    }

    /** Requests started at a fixed rate for {@code seconds}; latency counted from the planned start. */
    Result fixedRate(HttpRequest request, double perSecond, int seconds) throws InterruptedException {
        int total = (int) (perSecond * seconds);
        long[] latencies = new long[total];
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ExecutorService senders = Executors.newFixedThreadPool(64, LoadGenerator::daemon);
        long start = System.nanoTime();
        long interval = (long) (1e9 / perSecond);
        for (int i = 0; i < total; i++) {
            long planned = start + i * interval;
            long wait = planned - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int slot = i;
            senders.submit(() -> {
                int status = send(request);
                latencies[slot] = System.nanoTime() - planned;
                (status == 200 ? ok : failed).incrementAndGet();
            });
        }
        senders.shutdown();
        senders.awaitTermination(60, TimeUnit.SECONDS);
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Result(ok.get(), failed.get(), perSecond, sorted[total / 2] / 1e6, sorted[(int) (total * 0.99)] / 1e6);
    }

    /** Runs {@code load} on another thread while the caller does something else. */
    static Thread inBackground(Runnable load) {
        Thread thread = new Thread(load, "background-load");
        thread.start();
        return thread;
    }

    /** Load threads never keep the JVM alive after a failed run. */
    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        return thread;
    }
}
