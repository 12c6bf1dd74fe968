package io.monitoring.drift;

/**
 * Distances between two histograms over the same bins (baseline first, current second), and
 * between two weighted point sets. Pure functions over small arrays, run on the driver after the
 * one Spark aggregation has produced the counts. Empty histograms give NaN.
 */
public final class DriftMath {
    private static final double LN2 = Math.log(2);

    private DriftMath() {}

    /** Shares of each bin; all NaN when the histogram is empty. */
    public static double[] shares(long[] counts) {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        double[] p = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            p[i] = n == 0 ? Double.NaN : (double) counts[i] / n;
        }
        return p;
    }

    /** Additive smoothing: (share + epsilon) / (1 + bins * epsilon), so no share is zero and they still sum to 1. */
    public static double[] smoothedShares(long[] counts, double epsilon) {
        double[] p = shares(counts);
        double norm = 1 + p.length * epsilon;
        for (int i = 0; i < p.length; i++) {
            p[i] = (p[i] + epsilon) / norm;
        }
        return p;
    }

    /** Population stability index: sum of (q - p) ln(q / p) over smoothed shares (p baseline, q current). */
    public static double psi(long[] baseline, long[] current, double epsilon) {
        double[] p = smoothedShares(baseline, epsilon);
        double[] q = smoothedShares(current, epsilon);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += (q[i] - p[i]) * Math.log(q[i] / p[i]);
        }
        return sum;
    }

    /** Jensen-Shannon distance: the square root of the JS divergence in bits, in [0, 1]; needs no smoothing. */
    public static double jsDistance(long[] baseline, long[] current) {
        double[] p = shares(baseline);
        double[] q = shares(current);
        double divergence = 0;
        for (int i = 0; i < p.length; i++) {
            double m = (p[i] + q[i]) / 2;
            divergence += (klTerm(p[i], m) + klTerm(q[i], m)) / 2;
        }
        return Math.sqrt(Math.max(0, divergence / LN2));
    }

    private static double klTerm(double a, double m) {
        return a == 0 ? 0 : a * Math.log(a / m);
    }

    /** Hellinger distance: sqrt(1 - sum sqrt(p q)), in [0, 1]. */
    public static double hellinger(long[] baseline, long[] current) {
        double[] p = shares(baseline);
        double[] q = shares(current);
        double bc = 0;
        for (int i = 0; i < p.length; i++) {
            bc += Math.sqrt(p[i] * q[i]);
        }
        return Math.sqrt(Math.max(0, 1 - bc));
    }

    /** Total variation distance: half the L1 distance between the shares. */
    public static double totalVariation(long[] baseline, long[] current) {
        double[] p = shares(baseline);
        double[] q = shares(current);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += Math.abs(p[i] - q[i]);
        }
        return sum / 2;
    }

    /** L-infinity distance: the largest single difference between shares. */
    public static double lInfinity(long[] baseline, long[] current) {
        double[] p = shares(baseline);
        double[] q = shares(current);
        double max = p.length == 0 ? Double.NaN : 0;
        for (int i = 0; i < p.length; i++) {
            max = Math.max(max, Math.abs(p[i] - q[i]));
        }
        return max;
    }

    /**
     * Kolmogorov-Smirnov statistic of two histograms over the same ordered bins: the largest gap
     * between the cumulative shares at the bin edges. Exact when every distinct value has its own
     * bin; otherwise at most the largest bin's smaller share below the exact statistic.
     */
    public static double ksStatistic(long[] baseline, long[] current) {
        double[] p = shares(baseline);
        double[] q = shares(current);
        double cp = 0;
        double cq = 0;
        double max = p.length == 0 ? Double.NaN : 0;
        for (int i = 0; i < p.length; i++) {
            cp += p[i];
            cq += q[i];
            max = Math.max(max, Math.abs(cp - cq));
        }
        return max;
    }

    /**
     * Wasserstein-1 distance between two weighted point sets (weights need not be normalised):
     * the integral of |F_a - F_b| over the merged support.
     */
    public static double wasserstein(double[] pointsA, double[] weightsA, double[] pointsB, double[] weightsB) {
        double totalA = sum(weightsA);
        double totalB = sum(weightsB);
        if (totalA <= 0 || totalB <= 0) {
            return Double.NaN;
        }
        int n = pointsA.length + pointsB.length;
        double[] x = new double[n];
        double[] delta = new double[n];
        for (int i = 0; i < pointsA.length; i++) {
            x[i] = pointsA[i];
            delta[i] = weightsA[i] / totalA;
        }
        for (int i = 0; i < pointsB.length; i++) {
            x[pointsA.length + i] = pointsB[i];
            delta[pointsA.length + i] = -weightsB[i] / totalB;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (i, j) -> Double.compare(x[i], x[j]));
        double gap = 0;
        double distance = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (k > 0) {
                distance += Math.abs(gap) * (x[i] - x[order[k - 1]]);
            }
            gap += delta[i];
        }
        return distance;
    }

    public static double euclidean(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    /** 1 - cosine similarity; NaN when either vector is zero. */
    public static double cosineDistance(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        if (na == 0 || nb == 0) {
            return Double.NaN;
        }
        return 1 - dot / Math.sqrt(na * nb);
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
