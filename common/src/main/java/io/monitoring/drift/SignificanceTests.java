package io.monitoring.drift;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * p-values from Apache Commons Math over the aggregated counts: the two-sample KS test for
 * numeric columns and the chi-squared test of homogeneity for categorical ones.
 */
public final class SignificanceTests {
    /** Commons Math switches from the exact to the asymptotic KS distribution at this n * m. */
    static final long KS_EXACT_PRODUCT = 10_000;

    private SignificanceTests() {}

    /** A chi-squared result: statistic, degrees of freedom, p-value. */
    public record ChiSquared(double statistic, int degreesOfFreedom, double pValue) {}

    /**
     * Two-sided p-value of a KS statistic {@code d} between samples of sizes n and m, chosen as
     * Commons Math's own two-sample test does: exact below n * m = 10,000, Kolmogorov's
     * asymptotic distribution above. With binned or tied data the p-value is conservative.
     */
    public static double ksPValue(double d, long n, long m) {
        if (n <= 0 || m <= 0 || Double.isNaN(d)) {
            return Double.NaN;
        }
        KolmogorovSmirnovTest test = new KolmogorovSmirnovTest();
        if (n * m < KS_EXACT_PRODUCT) {
            return test.exactP(d, (int) n, (int) m, true);
        }
        return test.approximateP(d, (int) Math.min(n, Integer.MAX_VALUE), (int) Math.min(m, Integer.MAX_VALUE));
    }

    /**
     * Chi-squared test that two histograms come from one distribution (Commons Math's
     * data-sets comparison, which allows different totals). Bins empty on both sides carry no
     * information and are dropped; null when fewer than two bins remain or a side is empty.
     */
    public static ChiSquared chiSquared(long[] baseline, long[] current) {
        List<Integer> kept = new ArrayList<>();
        long nb = 0;
        long nc = 0;
        for (int i = 0; i < baseline.length; i++) {
            nb += baseline[i];
            nc += current[i];
            if (baseline[i] + current[i] > 0) {
                kept.add(i);
            }
        }
        if (kept.size() < 2 || nb == 0 || nc == 0) {
            return null;
        }
        long[] b = new long[kept.size()];
        long[] c = new long[kept.size()];
        for (int k = 0; k < kept.size(); k++) {
            b[k] = baseline[kept.get(k)];
            c[k] = current[kept.get(k)];
        }
        ChiSquareTest test = new ChiSquareTest();
        return new ChiSquared(test.chiSquareDataSetsComparison(b, c), kept.size() - 1,
                test.chiSquareTestDataSetsComparison(b, c));
    }
}
