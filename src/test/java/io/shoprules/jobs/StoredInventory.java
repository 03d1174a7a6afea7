package io.shoprules.jobs;

/**
 * Test SKUs with a known outcome under the tests' fixture rules (the fixture scenario
 * {@code stored-inventory-mix.yaml} pins it). The mix repeats
 * every four SKUs: {@code i % 4 == 0} needs a RESTOCK (95 units, URGENT), {@code 1} a CLEARANCE
 * (bundle gift), {@code 2} and {@code 3} nothing.
 */
public final class StoredInventory {

    private StoredInventory() {
    }

    public static String skuJson(String prefix, int i) {
        String id = String.format("%s-%07d", prefix, i);
        return switch (i % 4) {
            case 0 -> "{\"skuId\":\"" + id + "\",\"onHand\":5,\"avgDailySales\":10,\"leadTimeDays\":3}";
            case 1 -> "{\"skuId\":\"" + id + "\",\"onHand\":700,\"avgDailySales\":10,\"leadTimeDays\":3}";
            case 2 -> "{\"skuId\":\"" + id + "\",\"onHand\":100,\"avgDailySales\":10,\"leadTimeDays\":3}";
            default -> "{\"skuId\":\"" + id + "\",\"onHand\":0,\"avgDailySales\":0,\"leadTimeDays\":3}";
        };
    }

    /** {@code {"facts": [...]}} for SKUs {@code from} (inclusive) to {@code to} (exclusive). */
    public static String body(String prefix, int from, int to) {
        StringBuilder body = new StringBuilder(64 * (to - from) + 16).append("{\"facts\":[");
        for (int i = from; i < to; i++) {
            body.append(i == from ? "" : ",").append(skuJson(prefix, i));
        }
        return body.append("]}").toString();
    }

    /** Decisions (= actions) SKUs {@code 0..count-1} lead to. */
    public static int expectedActions(int count) {
        int restock = (count + 3) / 4;
        int clearance = (count + 2) / 4;
        return restock + clearance;
    }
}
