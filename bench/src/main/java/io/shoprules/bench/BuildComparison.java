package io.shoprules.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Two packaged builds of the service side by side on H2 ({@code -Dbench.app-a}, {@code -Dbench.app-b}),
 * loaded in alternating turns on one endpoint ({@code -Dbench.endpoint=inventory} or {@code listing}):
 * saturated with 8 clients, then at half of build A's saturated rate, each turn's figures and the
 * median of the turns' ratios B / A. Two runs of one build on this machine differ more than many
 * changes do; turns taken in alternation within one run put both builds under the same weather.
 * Not in {@code bench/run}: a tool for telling whether a change helps.
 */
public final class BuildComparison {

    private static final String KEY = "bench-key-" + System.nanoTime();
    private static final int PORT_A = 18083;
    private static final int PORT_B = 18084;
    private static final int CONCURRENCY = 8;
    private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    private static final int TURNS = Integer.getInteger("bench.turns", 6);
    /** Two JVMs compiling on 2 cores: one minute was not enough for their rates to settle. */
    private static final int WARM_UP_SECONDS = Integer.getInteger("bench.warmup.seconds", 240);

    private BuildComparison() {
    }

    public static void main(String[] args) throws Exception {
        Path project = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        boolean listing = "listing".equals(System.getProperty("bench.endpoint", "inventory"));
        String path = "/api/rulesets/" + (listing ? "listing" : "inventory") + "/decisions";
        String body = listing ? ServiceBench.ONE_LISTING : ServiceBench.ONE_SKU;
        Path work = project.resolve("bench/target/comparison");
        PackagedService.prepare(project, work);
        Process a = start(project, work, "a", PORT_A, System.getProperty("bench.app-a"));
        Process b = start(project, work, "b", PORT_B, System.getProperty("bench.app-b"));
        try {
            LoadGenerator loadA = new LoadGenerator(PORT_A, KEY);
            LoadGenerator loadB = new LoadGenerator(PORT_B, KEY);
            Http1Connection.Request decideA = loadA.post(path, body);
            Http1Connection.Request decideB = loadB.post(path, body);
            awaitStarted(loadA, decideA, a);
            awaitStarted(loadB, decideB, b);
            System.out.println(WarmUp.untilSettled(new WarmUp.Target("A", loadA, decideA), new WarmUp.Target("B", loadB, decideB),
                    CONCURRENCY, WARM_UP_SECONDS));
            List<Double> saturated = new ArrayList<>();
            List<Double> rateA = new ArrayList<>();
            for (int turn = 0; turn < TURNS; turn++) {
                // A B, then B A: neither build always comes right after the other's garbage
                boolean aFirst = turn % 2 == 0;
                LoadGenerator.Result first = (aFirst ? loadA : loadB).saturate(aFirst ? decideA : decideB, CONCURRENCY, SECONDS);
                LoadGenerator.Result second = (aFirst ? loadB : loadA).saturate(aFirst ? decideB : decideA, CONCURRENCY, SECONDS);
                LoadGenerator.Result ra = aFirst ? first : second;
                LoadGenerator.Result rb = aFirst ? second : first;
                rateA.add(ra.perSecond());
                saturated.add(rb.perSecond() / ra.perSecond());
                System.out.printf("saturated turn %d: A %.0f req/s, B %.0f req/s, B/A %.2f%n", turn + 1, ra.perSecond(),
                        rb.perSecond(), rb.perSecond() / ra.perSecond());
            }
            double half = Median.of(rateA) / 2;
            List<Double> tail = new ArrayList<>();
            for (int turn = 0; turn < TURNS; turn++) {
                boolean aFirst = turn % 2 == 0;
                System.err.println("window " + (aFirst ? "a" : "b") + "-half from " + Instant.now());
                LoadGenerator.Result first = (aFirst ? loadA : loadB).fixedRate(aFirst ? decideA : decideB, half, SECONDS);
                System.err.println("window " + (aFirst ? "b" : "a") + "-half from " + Instant.now());
                LoadGenerator.Result second = (aFirst ? loadB : loadA).fixedRate(aFirst ? decideB : decideA, half, SECONDS);
                System.err.println("window end " + Instant.now());
                LoadGenerator.Result ra = aFirst ? first : second;
                LoadGenerator.Result rb = aFirst ? second : first;
                tail.add(rb.p99Millis() / ra.p99Millis());
                System.out.printf("half-load turn %d at %.0f req/s: p50 A %.2f B %.2f ms, p99 A %.2f B %.2f ms, B/A %.2f; failed %d%n",
                        turn + 1, half, ra.p50Millis(), rb.p50Millis(), ra.p99Millis(), rb.p99Millis(),
                        rb.p99Millis() / ra.p99Millis(), ra.failed() + rb.failed());
            }
            System.out.printf("%s: saturated B/A median %.2f; p99 at half load B/A median %.2f (%d turns each)%n",
                    path, Median.of(saturated), Median.of(tail), TURNS);
        } finally {
            a.destroy();
            b.destroy();
            a.waitFor();
            b.waitFor();
        }
    }

    private static Process start(Path project, Path work, String name, int port, String app) throws Exception {
        if (app == null) {
            throw new IllegalArgumentException("give both builds: -Dbench.app-a=<quarkus-app folder> -Dbench.app-b=<...>");
        }
        // PackagedService takes the build from bench.app
        System.setProperty("bench.app", app);
        return PackagedService.start(project, work, work.resolve(name), port, KEY, "-Dshoprules.jobs.enabled=false");
    }

    private static void awaitStarted(LoadGenerator load, Http1Connection.Request decide, Process service)
            throws InterruptedException {
        while (load.send(decide) != 200) {
            if (!service.isAlive()) {
                throw new IllegalStateException("a build did not start; see bench/target/comparison/*/service.log");
            }
            Thread.sleep(50);
        }
    }
}
