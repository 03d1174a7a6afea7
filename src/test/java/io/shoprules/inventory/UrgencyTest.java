package io.shoprules.inventory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How urgent a restock is, from on-hand and safety stock alone. */
class UrgencyTest {

    @ParameterizedTest(name = "on hand {0}, safety {1}: {2}")
    @CsvSource({
            "0,    0,    STOCKOUT",
            "0.0,  5,    STOCKOUT",
            "4.99, 5,    URGENT",
            "5,    5.00, NORMAL",
            "6,    5,    NORMAL",
            "1,    0,    NORMAL"})
    void nothingOnHandIsAStockoutAndBelowSafetyStockIsUrgent(BigDecimal onHand, BigDecimal safetyStock, Urgency expected) {
        assertEquals(expected, Urgency.of(onHand, safetyStock));
    }
}
