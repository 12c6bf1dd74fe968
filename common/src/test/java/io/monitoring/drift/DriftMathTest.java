package io.monitoring.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The histogram distances against small examples computed by hand (values in comments). */
class DriftMathTest {
    private static final long[] HALF_HALF = {50, 50};
    private static final long[] QUARTER_THREE_QUARTERS = {25, 75};

    @Test
    void psiOfAHalfToQuarterShift() {
        // (0.25 - 0.5) ln(0.25 / 0.5) + (0.75 - 0.5) ln(0.75 / 0.5) = 0.173287 + 0.101366
        assertEquals(0.2746531, DriftMath.psi(HALF_HALF, QUARTER_THREE_QUARTERS, 0), 1e-6);
        assertEquals(0, DriftMath.psi(HALF_HALF, new long[] {3, 3}, 1e-4), 1e-12);
    }

    @Test
    void psiStaysFiniteWhenABinIsEmpty() {
        // p = (1 + e, e) / (1 + 2e), q = (0.5 + e, 0.5 + e) / (1 + 2e), e = 1e-4
        double psi = DriftMath.psi(new long[] {10, 0}, new long[] {5, 5}, 1e-4);
        assertEquals(4.6042993, psi, 1e-6);
        assertTrue(Double.isFinite(psi));
    }

    @Test
    void jensenShannonDistance() {
        // m = (0.375, 0.625); JSD = (KL(p||m) + KL(q||m)) / 2 = 0.0338220 nats = 0.0487949 bits
        assertEquals(0.2208958, DriftMath.jsDistance(HALF_HALF, QUARTER_THREE_QUARTERS), 1e-6);
        assertEquals(1.0, DriftMath.jsDistance(new long[] {7, 0}, new long[] {0, 3}), 1e-12);
        assertEquals(0.0, DriftMath.jsDistance(new long[] {2, 6}, new long[] {1, 3}), 1e-12);
    }

    @Test
    void hellingerDistance() {
        // sqrt(1 - (sqrt(0.125) + sqrt(0.375))) = sqrt(1 - 0.9659258)
        assertEquals(0.1845919, DriftMath.hellinger(HALF_HALF, QUARTER_THREE_QUARTERS), 1e-6);
        assertEquals(1.0, DriftMath.hellinger(new long[] {1, 0}, new long[] {0, 1}), 1e-12);
    }

    @Test
    void totalVariationAndLInfinity() {
        long[] a = {50, 30, 20};
        long[] b = {20, 30, 50};
        // |0.5 - 0.2| + 0 + |0.2 - 0.5| = 0.6, halved
        assertEquals(0.3, DriftMath.totalVariation(a, b), 1e-12);
        assertEquals(0.3, DriftMath.lInfinity(a, b), 1e-12);
        assertEquals(0.2, DriftMath.lInfinity(new long[] {4, 4, 2}, new long[] {6, 4, 0}), 1e-12);
    }

    @Test
    void ksStatisticOfHistograms() {
        // cumulative shares (0.2, 0.5, 1.0) vs (0.5, 0.9, 1.0): largest gap 0.4
        assertEquals(0.4, DriftMath.ksStatistic(new long[] {2, 3, 5}, new long[] {5, 4, 1}), 1e-12);
    }

    @Test
    void wassersteinOfSmallPointSets() {
        // {0, 1} vs {1, 2}: every unit of mass moves by 1
        assertEquals(1.0, DriftMath.wasserstein(new double[] {0, 1}, new double[] {1, 1},
                new double[] {1, 2}, new double[] {1, 1}), 1e-12);
        // {0} vs {3}
        assertEquals(3.0, DriftMath.wasserstein(new double[] {0}, new double[] {5}, new double[] {3}, new double[] {2}), 1e-12);
        // {0, 0, 1} vs {0, 1, 1}: |F_a - F_b| = 1/3 on [0, 1)
        assertEquals(1.0 / 3, DriftMath.wasserstein(new double[] {0, 1}, new double[] {2, 1},
                new double[] {0, 1}, new double[] {1, 2}), 1e-12);
    }

    @Test
    void meanVectorDistances() {
        assertEquals(5.0, DriftMath.euclidean(new double[] {0, 0}, new double[] {3, 4}), 1e-12);
        assertEquals(1.0, DriftMath.cosineDistance(new double[] {1, 0}, new double[] {0, 2}), 1e-12);
        assertEquals(0.0, DriftMath.cosineDistance(new double[] {1, 1}, new double[] {2, 2}), 1e-12);
    }

    @Test
    void emptyHistogramsGiveNaN() {
        assertTrue(Double.isNaN(DriftMath.jsDistance(new long[] {0, 0}, new long[] {1, 1})));
        assertTrue(Double.isNaN(DriftMath.wasserstein(new double[] {}, new double[] {}, new double[] {1}, new double[] {1})));
    }
}
