package io.shoprules.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 8: start-up of the packaged service to its first answered decision, the median of five
 * starts each way: from nothing (no database, no compiled rule sets kept) and with the rule sets
 * unchanged since the last start (their compiled forms kept). Uses the shipped rules on a private
 * copy.
 *
 * <p>Arguments: the project directory.
 */
public final class StartUpBench {

    private static final String KEY = "bench-key-" + System.nanoTime();
    private static final int PORT = Integer.getInteger("bench.port", 18081);
    private static final int STARTS = Integer.getInteger("bench.starts", 5);
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
        for (int i = 0; i < STARTS; i++) {
            PackagedService.prepare(project, work);
            fromNothing.add(secondsToFirstDecision(project, work));
            unchanged.add(secondsToFirstDecision(project, work));
        }
        System.out.printf("figure 8  start-up to first answered decision, median of %d: %.2f s from nothing (target <= 8 s), "
                        + "%.2f s with the rule sets unchanged (target <= 3 s); each start: %s / %s%n",
                STARTS, median(fromNothing), median(unchanged), fromNothing, unchanged);
    }

    private static double secondsToFirstDecision(Path project, Path work) throws Exception {
        long launched = System.nanoTime();
        Process service = PackagedService.start(project, work, work, PORT, KEY);
        try {
            LoadGenerator load = new LoadGenerator(PORT, KEY);
            Http1Connection.Request decide = load.post("/api/rulesets/inventory/decisions", ONE_SKU);
            while (load.send(decide) != 200) {
                if (!service.isAlive()) {
                    throw new IllegalStateException("the service did not start; see " + work.resolve("service.log"));
                }
                Thread.sleep(10);
            }
            return Math.round((System.nanoTime() - launched) / 1e7) / 100.0;
        } finally {
            service.destroy();
            service.waitFor();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
