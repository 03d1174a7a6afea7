package io.shoprules.bench;

import io.shoprules.listing.TermCheckBenchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.HashMap;
import java.util.Map;

/** Figure 5: the listing term check against a naive indexOf loop, in one JMH run. */
public final class TermCheckBench {

    private TermCheckBench() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new OptionsBuilder()
                .include(TermCheckBenchmark.class.getSimpleName())
                .forks(1)
                .warmupIterations(1)
                .warmupTime(TimeValue.seconds(3))
                .measurementIterations(3)
                .measurementTime(TimeValue.seconds(3))
                .jvmArgsAppend("-Drules.dir=" + System.getProperty("rules.dir", "../rules"))
                .build();
        Map<String, Double> textsPerSecond = new HashMap<>();
        for (RunResult result : new Runner(options).run()) {
            textsPerSecond.put(result.getParams().getBenchmark().replaceAll(".*\\.", ""), result.getPrimaryResult().getScore());
        }
        double matcher = textsPerSecond.get("matcher");
        double naive = textsPerSecond.get("naiveIndexOf");
        System.out.printf("figure 5  term check, %,d terms x %,d-character listings: matcher %.0f listings/s (%.1f µs each);"
                        + " naive indexOf %.0f listings/s (%.1f µs each); ratio %.1f%n",
                TermCheckBenchmark.TERMS, TermCheckBenchmark.TEXT_LENGTH, matcher, 1e6 / matcher, naive, 1e6 / naive,
                matcher / naive);
    }
}
