package io.monitoring.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/**
 * The binned KS statistic and the chi-squared test against Commons Math on the same samples, the
 * documented accuracy of KS on baseline-quantile bins, and Benjamini-Hochberg by hand.
 */
class DriftSignificanceTest {
    private final KolmogorovSmirnovTest commonsKs = new KolmogorovSmirnovTest();

    @Test
    void ksOnOneBinPerDistinctValueEqualsCommonsMath() {
        Random random = new Random(7);
        // small samples (exact p-value) and larger ones (asymptotic p-value)
        int[][] sizes = {{40, 60}, {300, 500}};
        for (int[] size : sizes) {
            double[] x = normal(random, size[0], 0.0);
            double[] y = normal(random, size[1], 0.4);
            double[] edges = new TreeSet<>(Arrays.asList(box(x, y))).stream().mapToDouble(Double::doubleValue).toArray();
            long[] hx = histogram(edges, x);
            long[] hy = histogram(edges, y);

            double d = DriftMath.ksStatistic(hx, hy);
            assertEquals(commonsKs.kolmogorovSmirnovStatistic(x, y), d, 1e-12);
            assertEquals(commonsKs.kolmogorovSmirnovTest(x, y), SignificanceTests.ksPValue(d, x.length, y.length), 1e-9);
        }
    }

    @Test
    void ksOnBaselinePercentileBinsIsWithinOneFineBinOfTheExactStatistic() {
        Random random = new Random(11);
        double[] baseline = normal(random, 5000, 0.0);
        double[] current = normal(random, 4000, 0.15);
        double[] sorted = baseline.clone();
        Arrays.sort(sorted);
        int fine = 100;
        double[] edges = new double[fine - 1];
        for (int i = 1; i < fine; i++) {
            edges[i - 1] = sorted[(int) Math.ceil(i * sorted.length / (double) fine) - 1];
        }
        long[] hb = histogram(edges, baseline);
        long[] hc = histogram(edges, current);
        double binned = DriftMath.ksStatistic(hb, hc);
        double exact = commonsKs.kolmogorovSmirnovStatistic(baseline, current);
        double bound = 0;
        for (int i = 0; i < hb.length; i++) {
            bound = Math.max(bound, Math.min(hb[i] / 5000.0, hc[i] / 4000.0));
        }
        assertTrue(binned <= exact + 1e-12, "the binned statistic never exceeds the exact one");
        assertTrue(exact - binned <= bound + 1e-12, "binned " + binned + " exact " + exact + " bound " + bound);
        assertTrue(bound <= 1.5 / fine);
    }

    @Test
    void chiSquaredEqualsCommonsMathAndTheContingencyTable() {
        long[] baseline = {120, 80, 0, 40, 10};
        long[] current = {60, 70, 0, 50, 25};
        SignificanceTests.ChiSquared result = SignificanceTests.chiSquared(baseline, current);

        // the empty bin is dropped: four categories, three degrees of freedom
        long[] b = {120, 80, 40, 10};
        long[] c = {60, 70, 50, 25};
        ChiSquareTest commons = new ChiSquareTest();
        assertEquals(3, result.degreesOfFreedom());
        assertEquals(commons.chiSquareDataSetsComparison(b, c), result.statistic(), 1e-9);
        assertEquals(commons.chiSquareTestDataSetsComparison(b, c), result.pValue(), 1e-12);
        // the same as the classic 2 x k test of homogeneity
        assertEquals(commons.chiSquare(new long[][] {b, c}), result.statistic(), 1e-9);
        assertEquals(commons.chiSquareTest(new long[][] {b, c}), result.pValue(), 1e-12);
    }

    @Test
    void chiSquaredNeedsTwoNonEmptyBins() {
        assertNull(SignificanceTests.chiSquared(new long[] {5, 0}, new long[] {7, 0}));
        assertNull(SignificanceTests.chiSquared(new long[] {0, 0}, new long[] {7, 1}));
    }

    @Test
    void benjaminiHochbergByHand() {
        // sorted 0.005, 0.01, 0.03, 0.04 -> p * 4 / rank = 0.02, 0.02, 0.04, 0.04 (already monotone)
        double[] adjusted = BenjaminiHochberg.adjust(new double[] {0.01, 0.04, Double.NaN, 0.03, 0.005});
        assertArrayEquals(new double[] {0.02, 0.04, Double.NaN, 0.04, 0.02}, adjusted, 1e-12);
        // step-up: a larger p-value can lower a smaller one's adjustment
        assertArrayEquals(new double[] {0.03, 0.03}, BenjaminiHochberg.adjust(new double[] {0.02, 0.03}), 1e-12);
    }

    static long[] histogram(double[] edges, double[] values) {
        long[] counts = new long[edges.length + 1];
        for (double v : values) {
            // bin = number of edges strictly below v, as the Spark aggregation computes it
            int bin = 0;
            while (bin < edges.length && edges[bin] < v) {
                bin++;
            }
            counts[bin]++;
        }
        return counts;
    }

    private static double[] normal(Random random, int n, double mean) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = mean + random.nextGaussian();
        }
        return out;
    }

    private static Double[] box(double[] a, double[] b) {
        Double[] out = new Double[a.length + b.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        for (int i = 0; i < b.length; i++) {
            out[a.length + i] = b[i];
        }
        return out;
    }
}
