package io.shoprules.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Figures 1, 3 and 4: the packaged service on loopback. Starts it on a private copy of the rules
 * and an H2 file of its own, so nothing of the working tree is touched.
 *
 * <p>Arguments: the project directory.
 */
public final class ServiceBench {

    private static final String KEY = "bench-key-" + System.nanoTime();
    private static final int PORT = Integer.getInteger("bench.port", 18080);
    private static final String BASE = "http://127.0.0.1:" + PORT;
    private static final String DECISIONS = "/api/rulesets/inventory/decisions";
    private static final String ECHO = "/api/bench/echo/inventory";
    private static final String ONE_SKU = """
            {"now": "2026-03-10T10:00:00+08:00",
             "facts": [{"skuId": "A-100", "onHand": 12, "avgDailySales": 8.5, "leadTimeDays": 5}]}""";
    private static final int CONCURRENCY = 8;
    private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    private static final int WARM_UP_TURN_SECONDS = 5;
    private static final int WARM_UP_LIMIT_SECONDS = Integer.getInteger("bench.warmup.seconds", 120);
    private static final double SETTLED = 0.05;

    private ServiceBench() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize());
        } catch (Exception e) {
            // bench/run shows only the figure lines: say there that the figures are missing, and why
            System.out.println("figure 1, 3, 4  service benchmark failed: " + e);
            throw e;
        }
    }

    private static void run(Path project) throws Exception {
        Path work = project.resolve("bench/target/work");
        PackagedService.prepare(project, work);

        long launched = System.nanoTime();
        Process service = PackagedService.start(project, work, work, PORT, KEY);
        try {
            LoadGenerator load = new LoadGenerator(PORT, KEY);
            Http1Connection.Request decide = load.post(DECISIONS, ONE_SKU);
            Http1Connection.Request echo = load.post(ECHO, ONE_SKU);
            while (load.send(decide) != 200) {
                if (!service.isAlive()) {
                    throw new IllegalStateException("the service did not start; see " + work.resolve("service.log"));
                }
                Thread.sleep(20);
            }
            double startSeconds = (System.nanoTime() - launched) / 1e9;
            long rssStarted = rssKb(service.pid());
            if (load.send(echo) != 200) {
                throw new IllegalStateException("no echo endpoint: package with -Dshoprules.bench.echo=true");
            }

            String warm = warmUp(load, decide, echo);
            LoadGenerator.Result decideMax = load.saturate(decide, CONCURRENCY, SECONDS);
            LoadGenerator.Result echoMax = load.saturate(echo, CONCURRENCY, SECONDS);
            double half = decideMax.perSecond() / 2;
            MachineStalls stalls = MachineStalls.start();
            LoadGenerator.Result decideHalf = load.fixedRate(decide, half, SECONDS);
            LoadGenerator.Result echoHalf = load.fixedRate(echo, half, SECONDS);
            MachineStalls.Summary stalled = stalls.stop();
            long rssLoaded = rssKb(service.pid());

            System.out.printf("figure 1  http: decisions %.0f req/s, echo %.0f req/s saturated (%d clients): ratio %.2f (target >= 0.8)%n",
                    decideMax.perSecond(), echoMax.perSecond(), CONCURRENCY, decideMax.perSecond() / echoMax.perSecond());
            System.out.printf("figure 1  http: at %.0f req/s (half of saturation) decisions p50 %.2f ms p99 %.2f ms, echo p50 %.2f ms p99 %.2f ms (target p99 < 5 ms); failed %d%n",
                    half, decideHalf.p50Millis(), decideHalf.p99Millis(), echoHalf.p50Millis(), echoHalf.p99Millis(),
                    decideMax.failed() + echoMax.failed() + decideHalf.failed() + echoHalf.failed());
            System.out.printf("figure 1  http: meanwhile the machine woke a 1 ms sleep of the load generator late by p99 %.2f ms, max %.2f ms (%d of %d wake-ups over 2 ms): a request in flight waits such a stall out too%n",
                    stalled.p99Millis(), stalled.maxMillis(), stalled.overTwoMillis(), stalled.wakeUps());
            System.out.println("figure 1  http: " + warm);
            WrkCrossCheck.run(work, BASE, KEY, DECISIONS, ECHO, ONE_SKU, CONCURRENCY, SECONDS)
                    .ifPresent(line -> System.out.println("figure 1  http: " + line));

            reloads(load, work, decide, half, service.pid());

            System.out.printf("figure 4  start-up to first answered decision: %.2f s; resident memory %d MB after start, %d MB after figure 1%n",
                    startSeconds, rssStarted / 1024, rssLoaded / 1024);
        } finally {
            service.destroy();
            service.waitFor();
        }
    }

    /**
     * Loads both endpoints in turns until neither changes by more than {@link #SETTLED} from one
     * turn to the next. On 2 cores the JIT compiles for a minute and more after start-up (C2 takes
     * a core of its own); figures taken before that measure the compiler, not the service.
     */
    private static String warmUp(LoadGenerator load, Http1Connection.Request decide, Http1Connection.Request echo) throws InterruptedException {
        long started = System.nanoTime();
        double lastDecide = 0;
        double lastEcho = 0;
        int turns = 0;
        while (System.nanoTime() - started < TimeUnit.SECONDS.toNanos(WARM_UP_LIMIT_SECONDS)) {
            turns++;
            double decideRate = load.saturate(decide, CONCURRENCY, WARM_UP_TURN_SECONDS).perSecond();
            double echoRate = load.saturate(echo, CONCURRENCY, WARM_UP_TURN_SECONDS).perSecond();
            boolean settled = Math.abs(decideRate - lastDecide) <= SETTLED * decideRate
                    && Math.abs(echoRate - lastEcho) <= SETTLED * echoRate;
            lastDecide = decideRate;
            lastEcho = echoRate;
            if (settled) {
                return String.format("warmed up in %d turns (%.0f s), last turn decisions %.0f req/s, echo %.0f req/s",
                        turns, (System.nanoTime() - started) / 1e9, decideRate, echoRate);
            }
        }
        return String.format("not settled after %d s of warm-up (last turn decisions %.0f req/s, echo %.0f req/s): figures are noisy",
                WARM_UP_LIMIT_SECONDS, lastDecide, lastEcho);
    }

    /** Figure 3: compile-and-activate time per rule set, and failed requests during 20 reloads under load. */
    private static void reloads(LoadGenerator load, Path work, Http1Connection.Request decide, double rate, long pid) throws Exception {
        try (Stream<Path> sets = Files.list(work.resolve("rules"))) {
            for (Path set : sets.sorted().toList()) {
                Path drl = firstDrl(set);
                long took = touchAndReload(drl);
                System.out.printf("figure 3  reload: %s compiled, scenarios run and activated in %d ms%n",
                        set.getFileName(), took);
            }
        }
        Path restock = work.resolve("rules/inventory/restock.drl");
        double metaspaceBefore = metaspaceAfterFullGc(pid);
        AtomicReference<LoadGenerator.Result> underLoad = new AtomicReference<>();
        int seconds = SECONDS * 3;
        Thread background = LoadGenerator.inBackground(() -> {
            try {
                underLoad.set(load.fixedRate(decide, rate, seconds));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long total = 0;
        for (int i = 0; i < 20; i++) {
            total += touchAndReload(restock);
        }
        background.join();
        LoadGenerator.Result result = underLoad.get();
        System.out.printf("figure 3  reload: 20 inventory reloads under %.0f req/s (mean %d ms each): %d of %d requests failed (target 0), p99 %.2f ms%n",
                rate, total / 20, result.failed(), result.failed() + result.ok(), result.p99Millis());
        double metaspaceAfter20 = metaspaceAfterFullGc(pid);
        for (int i = 0; i < 10; i++) {
            touchAndReload(restock);
        }
        System.out.printf("figure 3  reload: Metaspace after a full GC %.1f MB before 20 reloads, %.1f MB after them, %.1f MB after 30 (a version a swap replaced must not stay loaded)%n",
                metaspaceBefore, metaspaceAfter20, metaspaceAfterFullGc(pid));
    }

    /**
     * Metaspace in use once unreachable class loaders are gone: each compiled version loads classes
     * of its own, and a leaked version shows as Metaspace that grows with every reload (drools#6554).
     */
    private static double metaspaceAfterFullGc(long pid) throws IOException, InterruptedException {
        Process gc = new ProcessBuilder("jcmd", String.valueOf(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
            throw new IllegalStateException("jcmd GC.run failed for the service (pid " + pid + ")");
        }
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(BASE + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines()
                .filter(line -> line.startsWith("jvm_memory_used_bytes{") && line.contains("id=\"Metaspace\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) / (1024 * 1024))
                .findFirst().orElseThrow(() -> new IllegalStateException("no Metaspace in /q/metrics"));
    }

    private static long touchAndReload(Path drl) throws IOException, InterruptedException {
        // written whole and renamed into place, as editors that save safely do: the watcher never
        // sees a half-written file (it would reject it and activate the complete one a second later)
        Path draft = drl.resolveSibling(drl.getFileName() + ".saving~");
        Files.writeString(draft, Files.readString(drl) + "\n// touched " + System.nanoTime() + "\n");
        Files.move(draft, drl, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        long started = System.nanoTime();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(BASE + "/api/rulesets/reload"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (response.statusCode() != 200 || response.body().contains("REJECTED")) {
            throw new IllegalStateException("reload failed: " + response.body());
        }
        return millis;
    }

    private static Path firstDrl(Path set) throws IOException {
        try (Stream<Path> files = Files.list(set)) {
            return files.filter(f -> f.toString().endsWith(".drl")).sorted().findFirst().orElseThrow();
        }
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
