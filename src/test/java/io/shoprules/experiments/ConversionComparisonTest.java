package io.shoprules.experiments;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The lift statistics against cases worked by hand. */
class ConversionComparisonTest {

    /**
     * Champion 8 of 40 converted (p1 = 0.2), challenger 16 of 40 (p2 = 0.4): difference 0.2, lift 0.2 / 0.2 = 1.
     * Pooled p = 24 / 80 = 0.3; SE0 = sqrt(0.3 x 0.7 x (1/40 + 1/40)) = sqrt(0.0105) = 0.1024695;
     * z = 0.2 / 0.1024695 = 1.9518001; p = 2 (1 - Φ(1.9518001)) = erfc(1.9518001 / sqrt 2) = 0.0509619.
     * SE = sqrt(0.2 x 0.8 / 40 + 0.4 x 0.6 / 40) = sqrt(0.01) = 0.1; 95 %: 0.2 ± 1.959964 x 0.1 = [0.0040036, 0.3959964].
     */
    static final double Z = 1.9518001;
    static final double P_VALUE = 0.0509619;
    static final double LOW = 0.0040036;
    static final double HIGH = 0.3959964;

    @Test
    void eightOfFortyAgainstSixteenOfFortyGivesTheHandComputedZPValueAndInterval() {
        ConversionComparison comparison = ConversionComparison.of("paid", 8, 40, 16, 40);

        assertEquals(0.2, comparison.championRate(), 1e-12);
        assertEquals(0.4, comparison.challengerRate(), 1e-12);
        assertEquals(0.2, comparison.difference(), 1e-12);
        assertEquals(1.0, comparison.lift(), 1e-12);
        assertEquals(Z, comparison.z(), 1e-6);
        assertEquals(P_VALUE, comparison.pValue(), 1e-6);
        assertEquals(LOW, comparison.confidenceLow(), 1e-6);
        assertEquals(HIGH, comparison.confidenceHigh(), 1e-6);
    }

    @Test
    void equalRatesGiveZeroZAndPValueOne() {
        ConversionComparison comparison = ConversionComparison.of("paid", 10, 100, 10, 100);

        assertEquals(0, comparison.z(), 1e-12);
        assertEquals(1.0, comparison.pValue(), 1e-12);
    }

    @Test
    void noConversionAnywhereHasNoTestAndAVariantWithoutSubjectsNoComparison() {
        ConversionComparison none = ConversionComparison.of("paid", 0, 50, 0, 50);
        assertNull(none.z());
        assertNull(none.pValue());
        assertNull(none.lift());
        assertNull(ConversionComparison.of("paid", 0, 0, 3, 10));
    }
}
