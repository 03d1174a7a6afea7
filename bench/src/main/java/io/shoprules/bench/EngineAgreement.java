package io.shoprules.bench;

import io.shoprules.engine.Decision;
import io.shoprules.engine.RuleDecision;
import io.shoprules.inventory.Sku;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Before timing anything: the rules and the hand-written reference must decide the same. */
public final class EngineAgreement {

    private EngineAgreement() {
    }

    public static void main(String[] args) {
        InventoryEngineBenchmark bench = new InventoryEngineBenchmark();
        bench.batch = 1000;
        bench.compile();
        Set<Decision> byRules = new HashSet<>();
        List<Sku> skus = bench.skus;
        for (int from = 0; from < skus.size(); from += bench.batch) {
            for (RuleDecision decision : bench.rules.evaluate(InventoryEngineBenchmark.NOW,
                    skus.subList(from, Math.min(skus.size(), from + bench.batch))).decisions()) {
                byRules.add(decision.decision());
            }
        }
        List<Decision> byHand = new ArrayList<>();
        HandWrittenInventory.decide(skus, InventoryEngineBenchmark.NOW.today(), byHand::add);
        Set<Decision> onlyByHand = new HashSet<>(byHand);
        onlyByHand.removeAll(byRules);
        Set<Decision> onlyByRules = new HashSet<>(byRules);
        byHand.forEach(onlyByRules::remove);
        System.out.printf("engine agreement: %d SKUs, %d decisions by rules, %d by hand, %d differ%n",
                skus.size(), byRules.size(), byHand.size(), onlyByHand.size() + onlyByRules.size());
        if (!onlyByHand.isEmpty() || !onlyByRules.isEmpty()) {
            onlyByHand.stream().limit(3).forEach(d -> System.out.println("  only by hand:  " + d));
            onlyByRules.stream().limit(3).forEach(d -> System.out.println("  only by rules: " + d));
            System.exit(1);
        }
    }
}
