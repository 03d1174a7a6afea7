package io.shoprules.bench;

import io.shoprules.engine.CompiledRuleSet;
import io.shoprules.engine.Decision;
import io.shoprules.engine.EvaluationBudget;
import io.shoprules.engine.RuleSetCompiler;
import io.shoprules.engine.RuleSetSource;
import io.shoprules.engine.RuleTextCheck;
import io.shoprules.inventory.Sku;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Figure 2 on thread CPU time instead of wall time: the same 100,000 SKUs and rules as
 * {@link InventoryEngineBenchmark}, each round timed with the thread's CPU clock, best of the rounds
 * after two of warm-up. On a machine shared with other builds the wall-time figure moves with the
 * load (a thread waiting for a core is counted); this one moves far less, so it is the one to
 * compare two builds with. {@code -Dbench.batch} (default 1), {@code -Dbench.rounds} (default 12).
 */
public final class EngineCpuTime {

    private EngineCpuTime() {
    }

    public static void main(String[] args) {
        // Before anything logs: with the JDK's log manager, Quarkus' start-up configurator leaves
        // JBoss Logging at level ALL, and Drools then formats every trace message (ten times the
        // rules' own time in one run), as EngineBench's forks avoid by the same property.
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
        int batch = Integer.getInteger("bench.batch", 1);
        int rounds = Integer.getInteger("bench.rounds", 12);
        List<Sku> skus = Skus.generate(InventoryEngineBenchmark.SKUS, 42);
        RuleSetCompiler compiler = new RuleSetCompiler(new RuleTextCheck(Set.of("io.shoprules.inventory")),
                new EvaluationBudget.Limits(Duration.ofMinutes(10), Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE));
        CompiledRuleSet rules = compiler.compile(
                RuleSetSource.read("inventory", Path.of(System.getProperty("rules.dir", "../rules"), "inventory")), Map.of());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long bestRules = Long.MAX_VALUE;
        long bestHand = Long.MAX_VALUE;
        long decided = 0;
        for (int round = 0; round < rounds; round++) {
            long started = threads.getCurrentThreadCpuTime();
            for (int from = 0; from < skus.size(); from += batch) {
                decided += rules.evaluate(InventoryEngineBenchmark.NOW,
                        skus.subList(from, Math.min(skus.size(), from + batch))).decisions().size();
            }
            long ruled = threads.getCurrentThreadCpuTime();
            List<Decision> out = new ArrayList<>();
            HandWrittenInventory.decide(skus, InventoryEngineBenchmark.NOW.today(), out::add);
            long handled = threads.getCurrentThreadCpuTime();
            decided += out.size();
            if (round >= 2) {
                bestRules = Math.min(bestRules, ruled - started);
                bestHand = Math.min(bestHand, handled - ruled);
            }
        }
        System.out.printf("figure 2  engine on thread CPU time: batch %d: drools %.1f ms, hand-written Java %.1f ms per %,d SKUs"
                        + " (best of %d rounds): ratio %.3f (%d decisions in all)%n",
                batch, bestRules / 1e6, bestHand / 1e6, skus.size(), rounds - 2, (double) bestHand / bestRules, decided);
    }
}
