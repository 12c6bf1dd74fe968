package io.monitoring.quality;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Many one-vs-rest score curves, swept together over their rows in descending probability: per
 * (group, class), the exact ROC AUC and PR AUC and the log-loss sum of its positive rows. Pure, no
 * Spark.
 *
 * <p>Each distinct probability of a curve is one point (ties share it), reached in descending
 * order; a point at cumulative counts (tp, fp) adds the trapezoids (fp - fp') * (tp + tp') / 2 to
 * the ROC sum and (tp - tp') * (precision + precision') / 2 to the PR sum, primed values being the
 * previous point's (0, and the point's own precision, for the first). The ROC AUC is the ROC sum
 * over (positives x negatives), the PR AUC the PR sum over the positives: MLlib's
 * BinaryClassificationMetrics without down-sampling.
 *
 * <p>Feed {@link #add} the rows of every curve in one descending order of probability: a row
 * counts in all the groups given with it, so rows shared by many groups are sorted once.
 */
final class CurveSweep {
    /** MLlib's default clipping of probabilities in log loss. */
    static final double EPS = 1e-15;

    /** One curve's result. */
    record Result(long groupId, String className, Double rocAuc, Double prAuc, double lossSum, long lossRows) {}

    private record Key(long groupId, String className) {}

    private static final class Curve {
        long tp;
        long fp;
        double precision;
        double rocSum;
        double prSum;
        long pendingPositives;
        long pendingNegatives;
        double lossSum;
        long lossRows;
    }

    private final Map<Key, Curve> curves = new LinkedHashMap<>();
    /** Curves with rows at the current probability, not yet added as a point. */
    private final List<Curve> pending = new ArrayList<>();
    private double current = Double.NaN;
    private boolean started;

    /**
     * One row of class {@code className} at {@code probability}, positive when its actual class is
     * that class, in each of {@code groupIds}. Probabilities must not increase from call to call.
     */
    void add(double probability, boolean positive, String className, long[] groupIds) {
        if (started && !same(probability, current)) {
            if (probability > current) {
                throw new IllegalStateException("score curve rows out of order: " + probability + " after " + current);
            }
            addPoints();
        }
        started = true;
        current = probability;
        for (long groupId : groupIds) {
            Curve c = curves.computeIfAbsent(new Key(groupId, className), k -> new Curve());
            if (c.pendingPositives == 0 && c.pendingNegatives == 0) {
                pending.add(c);
            }
            if (positive) {
                c.pendingPositives++;
            } else {
                c.pendingNegatives++;
            }
        }
    }

    /** Every curve fed so far, in the order first seen. */
    List<Result> results() {
        addPoints();
        List<Result> out = new ArrayList<>(curves.size());
        curves.forEach((k, c) -> {
            boolean both = c.tp > 0 && c.fp > 0;
            out.add(new Result(k.groupId(), k.className(), both ? c.rocSum / (double) (c.tp * c.fp) : null,
                    both ? c.prSum / (double) c.tp : null, c.lossSum, c.lossRows));
        });
        return out;
    }

    /** Equal as grouping keys are: NaN equals NaN, and -0.0 equals 0.0. */
    private static boolean same(double a, double b) {
        return a == b || (Double.isNaN(a) && Double.isNaN(b));
    }

    private void addPoints() {
        for (Curve c : pending) {
            long tp = c.tp + c.pendingPositives;
            long fp = c.fp + c.pendingNegatives;
            double precision = (double) tp / (double) (tp + fp);
            double previousPrecision = c.tp + c.fp == 0 ? precision : c.precision;
            c.rocSum += (double) ((fp - c.fp) * (tp + c.tp)) / 2.0;
            c.prSum += (double) (tp - c.tp) * (precision + previousPrecision) / 2.0;
            if (c.pendingPositives > 0) {
                c.lossSum += loss(current) * (double) c.pendingPositives;
                c.lossRows += c.pendingPositives;
            }
            c.tp = tp;
            c.fp = fp;
            c.precision = precision;
            c.pendingPositives = 0;
            c.pendingNegatives = 0;
        }
        pending.clear();
    }

    /** -ln of the probability of the actual class, clipped to [EPS, 1 - EPS] as MLlib clips it. */
    static double loss(double probability) {
        if (probability < EPS) {
            return -Math.log(EPS);
        }
        if (probability > 1 - EPS || Double.isNaN(probability)) { // SQL orders NaN above every number
            return -Math.log1p(-EPS);
        }
        return -StrictMath.log(probability);
    }
}
