package io.shoprules.bench;

import io.shoprules.engine.CompiledRuleSet;
import io.shoprules.engine.Decision;
import io.shoprules.engine.Now;
import io.shoprules.engine.EvaluationBudget;
import io.shoprules.engine.RuleTextCheck;
import io.shoprules.engine.RuleSetCompiler;
import io.shoprules.engine.RuleSetSource;
import io.shoprules.inventory.Sku;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * 100,000 SKUs through the shipped inventory rules, in-process, against hand-written Java
 * computing the same decisions. {@code batch} is how many SKUs share one stateless session: 1 is
 * what a one-SKU REST request costs, larger batches are what a job or a bulk request pays.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class InventoryEngineBenchmark {

    static final int SKUS = 100_000;
    static final Now NOW = new Now(OffsetDateTime.parse("2026-03-10T10:00:00+08:00"), ZoneId.of("Asia/Shanghai"));

    @Param({"1000"})
    public int batch;

    List<Sku> skus;
    CompiledRuleSet rules;

    @Setup(Level.Trial)
    public void compile() {
        // As in the service (quarkus.log.level=INFO): the engine's trace calls must cost nothing.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
        skus = Skus.generate(SKUS, 42);
        Path folder = Path.of(System.getProperty("rules.dir", "../rules"), "inventory");
        RuleSetCompiler compiler = new RuleSetCompiler(new RuleTextCheck(Set.of("io.shoprules.inventory")),
                // budgeted code as in the service, with limits no batch size here reaches (one batch is all 100,000 SKUs)
                new EvaluationBudget.Limits(Duration.ofMinutes(10), Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE));
        rules = compiler.compile(RuleSetSource.read("inventory", folder), Map.of());
    }

    @Benchmark
    public int drools() {
        int decisions = 0;
        for (int from = 0; from < skus.size(); from += batch) {
            decisions += rules.evaluate(NOW, skus.subList(from, Math.min(skus.size(), from + batch))).decisions().size();
        }
        return decisions;
    }

    @Benchmark
    public int handWritten() {
        List<Decision> out = new ArrayList<>();
        HandWrittenInventory.decide(skus, NOW.today(), out::add);
        return out.size();
    }
}
