package io.shoprules.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 8: start-up of the packaged service to its first answered decision, the median of five
 * starts each way: from nothing (no database, no compiled rule sets kept) and with the rule sets
 * unchanged since the last start (their compiled forms kept). Uses the shipped rules on a private
 * copy. Each start is stopped only once every rule set serves (readiness), so that the next start
 * finds the compiled form of each: a start stopped at its first decision would leave the rule sets
 * still compiling without one, and the next start would compile them again beside its first decision.
 *
 * <p>With {@code -Dbench.cds=trained} a training start (from nothing to readiness and a decision)
 * first records every class it loads into a dynamic class-data archive
 * ({@code -XX:ArchiveClassesAtExit}, {@code bench/target/trained-cds.jsa}), and the measured starts
 * use it ({@code -Xshare:on}, so a start that cannot fails). Unlike Quarkus' archive, which stops
 * recording before the application starts, it holds Drools, Hibernate's queries and the request
 * path; it holds no rule set (classes generated from rules have no jar to be matched against).
 *
 * <p>With {@code -Dbench.cds=aot} the training start records a JDK 24+ ahead-of-time cache instead
 * ({@code -XX:AOTCacheOutput}, {@code bench/target/app.aot}: classes loaded and linked, and on JDK 25
 * the methods' profiles), and the measured starts require it ({@code -XX:AOTMode=on}). It needs such
 * a JDK ({@code -Dbench.java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}) and a package whose
 * classes the application class loader loads ({@code -Dquarkus.package.jar.type=aot-jar}; the JVM
 * caches no class of Quarkus' own class loader), given with {@code -Dbench.app}.
 *
 * <p>The reference, started in turn with the others: the same build with an empty rules folder and
 * its database kept from an earlier start, timed to its first answered echo
 * ({@code POST /api/bench/echo/inventory}: the same HTTP, key and JSON without rules; the package
 * must be built with {@code -Dshoprules.bench.echo=true}, as {@code bench/run} does). It is what
 * Quarkus, the database and the service's other beans take on this machine, so the unchanged
 * start's ratio to it, and the difference, say what the rule sets still add.
 *
 * <p>Arguments: the project directory.
 */
public final class StartUpBench {

    private static final String KEY = "bench-key-" + System.nanoTime();
    private static final int PORT = Integer.getInteger("bench.port", 18081);
    private static final int STARTS = Integer.getInteger("bench.starts", 5);
    /** How long a start may take to serve every rule set: one rejected (say, a scenario over its time budget on a saturated machine) never does. */
    private static final long READY_SECONDS = Long.getLong("bench.ready-seconds", 600);
    private static final boolean TRAINED = "trained".equals(System.getProperty("bench.cds"));
    private static final boolean AHEAD_OF_TIME = "aot".equals(System.getProperty("bench.cds"));
    private static final String DECISIONS = "/api/rulesets/inventory/decisions";
    private static final String ECHO = "/api/bench/echo/inventory";
    private static final String ONE_SKU = """
            {"now": "2026-03-10T10:00:00+08:00",
             "facts": [{"skuId": "A-100", "onHand": 12, "avgDailySales": 8.5, "leadTimeDays": 5}]}""";

    private StartUpBench() {
    }

    public static void main(String[] args) throws Exception {
        Path project = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path work = project.resolve("bench/target/start-up");
        List<Double> fromNothing = new ArrayList<>();
        List<Double> unchanged = new ArrayList<>();
        List<Double> allFromNothing = new ArrayList<>();
        List<Double> allUnchanged = new ArrayList<>();
        List<Double> cpuFromNothing = new ArrayList<>();
        List<Double> cpuUnchanged = new ArrayList<>();
        List<Double> reference = new ArrayList<>();
        List<Double> cpuReference = new ArrayList<>();
        Path withoutRules = project.resolve("bench/target/start-up-reference");
        String[] settings = {};
        if (TRAINED) {
            Path archive = project.resolve("bench/target/trained-cds.jsa");
            train(project, work, "class-data archive", archive, "-XX:ArchiveClassesAtExit=" + archive);
            settings = new String[] {"-XX:SharedArchiveFile=" + archive, "-Xshare:on"};
        } else if (AHEAD_OF_TIME) {
            Path cache = project.resolve("bench/target/app.aot");
            train(project, work, "ahead-of-time cache", cache, "-XX:AOTCacheOutput=" + cache);
            settings = new String[] {"-XX:AOTCache=" + cache, "-XX:AOTMode=on"};
        }
        PackagedService.prepareWithoutRules(withoutRules);
        // its database is made here, untimed: the reference is a start with the database kept
        secondsToFirstAnswer(project, withoutRules, ECHO, settings);
        for (int i = 0; i < STARTS; i++) {
            PackagedService.prepare(project, work);
            double[] start = secondsToFirstDecision(project, work, settings);
            fromNothing.add(start[0]);
            allFromNothing.add(start[1]);
            cpuFromNothing.add(start[2]);
            start = secondsToFirstDecision(project, work, settings);
            unchanged.add(start[0]);
            allUnchanged.add(start[1]);
            cpuUnchanged.add(start[2]);
            start = secondsToFirstAnswer(project, withoutRules, ECHO, settings);
            reference.add(start[0]);
            cpuReference.add(start[2]);
        }
        System.out.printf("figure 8  start-up to first answered decision, median of %d: %.2f s from nothing (target <= 8 s), "
                        + "%.2f s with the rule sets unchanged (target <= 3 s); each start: %s / %s; "
                        + "every rule set serving (readiness): %.2f s / %.2f s; CPU time to the first decision: %.2f s / %.2f s%n",
                STARTS, Median.of(fromNothing), Median.of(unchanged), fromNothing, unchanged,
                Median.of(allFromNothing), Median.of(allUnchanged), Median.of(cpuFromNothing), Median.of(cpuUnchanged));
        System.out.printf("figure 8  reference, the same build without rule sets (database kept) to its first answered echo,"
                        + " median of %d: %.2f s (CPU %.2f s); each start: %s; unchanged / reference: ratio %.2f,"
                        + " the rule sets add %.2f s%n",
                STARTS, Median.of(reference), Median.of(cpuReference), reference,
                Median.of(unchanged) / Median.of(reference), Median.of(unchanged) - Median.of(reference));
    }

    /** A start from nothing to readiness and a decision that writes {@code recorded} as its JVM exits. */
    private static void train(Path project, Path work, String what, Path recorded, String recordOption) throws Exception {
        Files.deleteIfExists(recorded);
        PackagedService.prepare(project, work);
        double[] training = secondsToFirstDecision(project, work, recordOption);
        System.out.printf("figure 8  training start for the %s: first decision %.2f s (CPU %.2f s), readiness %.2f s; "
                + "%d MB written%n", what, training[0], training[2], training[1], Files.size(recorded) >> 20);
    }

    /**
     * Seconds from launch to the first answered decision and to readiness (every rule set serving),
     * and the CPU seconds the service had used by its first decision: on a shared machine the
     * clock measures the neighbours as well, the CPU time much less so.
     */
    private static double[] secondsToFirstDecision(Path project, Path work, String... settings) throws Exception {
        return secondsToFirstAnswer(project, work, DECISIONS, settings);
    }

    private static double[] secondsToFirstAnswer(Path project, Path work, String endpoint, String... settings) throws Exception {
        long launched = System.nanoTime();
        Process service = PackagedService.start(project, work, work, PORT, KEY, settings);
        try {
            LoadGenerator load = new LoadGenerator(PORT, KEY);
            Http1Connection.Request first = load.post(endpoint, ONE_SKU);
            for (int status = load.send(first); status != 200; status = load.send(first)) {
                if (status == 404 && endpoint.equals(ECHO)) {
                    throw new IllegalStateException("no echo endpoint: build the service with -Dshoprules.bench.echo=true");
                }
                if (!service.isAlive()) {
                    throw new IllegalStateException("the service did not start; see " + work.resolve("service.log"));
                }
                Thread.sleep(10);
            }
            double firstDecision = secondsSince(launched);
            double cpu = service.toHandle().info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(Double.NaN);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/q/health/ready")).build();
            long readyBy = System.nanoTime() + READY_SECONDS * 1_000_000_000L;
            while (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                if (System.nanoTime() > readyBy) {
                    throw new IllegalStateException("not every rule set serves after " + READY_SECONDS
                            + " s (GET /api/rulesets says why); see " + work.resolve("service.log"));
                }
                if (!service.isAlive()) {
                    throw new IllegalStateException("the service stopped before its rule sets served; see "
                            + work.resolve("service.log"));
                }
                Thread.sleep(50);
            }
            return new double[] {firstDecision, secondsSince(launched), cpu};
        } finally {
            service.destroy();
            service.waitFor();
        }
    }

    private static double secondsSince(long launched) {
        return Math.round((System.nanoTime() - launched) / 1e7) / 100.0;
    }
}
