package io.shoprules.bench;

import io.shoprules.inventory.Sku;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A deterministic mix of SKUs: some to restock, some to clear, most fine. */
final class Skus {

    private Skus() {
    }

    static List<Sku> generate(int count, long seed) {
        Random random = new Random(seed);
        List<Sku> skus = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BigDecimal daily = BigDecimal.valueOf(random.nextInt(400), 1); // 0.0 .. 39.9 a day
            int onHand = random.nextInt(1200);
            int inTransit = random.nextInt(4) == 0 ? random.nextInt(200) : 0;
            int presale = random.nextInt(10) == 0 ? random.nextInt(100) : 0;
            LocalDate listedOn = random.nextInt(5) == 0 ? LocalDate.of(2026, 3, 10).minusDays(random.nextInt(60)) : null;
            skus.add(new Sku("sku-" + i, null, onHand, inTransit, daily, 1 + random.nextInt(14), presale, listedOn));
        }
        return skus;
    }
}
