package io.shoprules.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Figure 2: 100,000 SKUs through the inventory rules against hand-written Java, in one JMH run;
 * {@code -Dbench.batches=1} measures only the batch sizes listed.
 */
public final class EngineBench {

    private EngineBench() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new OptionsBuilder()
                .include(InventoryEngineBenchmark.class.getSimpleName())
                .param("batch", System.getProperty("bench.batches", "1,1000,100000").split(","))
                .forks(1)
                .warmupIterations(1)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(3)
                .measurementTime(TimeValue.seconds(2))
                .jvmArgsAppend("-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                        "-Drules.dir=" + System.getProperty("rules.dir", "../rules"))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> millis = new HashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark().replaceAll(".*\\.", "");
            String key = name.equals("handWritten") ? name
                    : name + " batch " + result.getParams().getParam("batch");
            millis.merge(key, result.getPrimaryResult().getScore(), Math::min);
        }
        double reference = millis.get("handWritten");
        millis.keySet().stream().filter(k -> !k.equals("handWritten")).sorted().forEach(key -> System.out.printf(
                "figure 2  engine: %s: %.0f SKUs/s; hand-written Java %.0f SKUs/s; ratio %.3f%n",
                key, InventoryEngineBenchmark.SKUS / (millis.get(key) / 1000), InventoryEngineBenchmark.SKUS / (reference / 1000),
                reference / millis.get(key)));
    }
}
