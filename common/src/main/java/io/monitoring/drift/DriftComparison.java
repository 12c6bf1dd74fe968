package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.*;

import io.monitoring.config.MonitoringConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every statistic of one column between a baseline profile and the current one, as a map from
 * drift_metrics column to value (null where a statistic does not apply). Sets the status; the
 * verdict is {@link DriftVerdicts}' job.
 */
public final class DriftComparison {
    private DriftComparison() {}

    /**
     * @param spec the model column's bins; null when the bins' baseline lacks the column
     * @param baseline the baseline side's profile; null when that side has no rows of the column
     * @param current the current window's profile; null when the window has no rows of the column
     */
    public static Map<String, Object> compare(String type, BinSpec spec, ColumnProfile baseline, ColumnProfile current,
            MonitoringConfig.Drift settings) {
        ColumnProfile base = baseline == null ? new ColumnProfile(type, Map.of()) : baseline;
        ColumnProfile cur = current == null ? new ColumnProfile(type, Map.of()) : current;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(SAMPLE_SIZE, cur.nonNull());
        m.put(BASELINE_SAMPLE_SIZE, base.nonNull());
        m.put(ROW_COUNT, cur.rows());
        m.put(BASELINE_ROW_COUNT, base.rows());
        m.put(NULL_SHARE, share(cur.nulls(), cur.rows()));
        m.put(BASELINE_NULL_SHARE, share(base.nulls(), base.rows()));
        m.put(COUNT_CHANGE, base.rows() == 0 ? null : (double) (cur.rows() - base.rows()) / base.rows());

        boolean binned = EMBEDDING.equals(type) || (spec != null && cur.unbinned() == 0 && base.unbinned() == 0);
        if (!binned) {
            m.put(STATUS, STATUS_NO_BASELINE);
            return m;
        }
        long smaller = Math.min(cur.nonNull(), base.nonNull());
        m.put(STATUS, smaller >= settings.minSampleSize() ? STATUS_OK : STATUS_INSUFFICIENT);
        if (smaller == 0) {
            return m;
        }
        switch (type) {
            case NUMERIC -> numeric(m, spec, base, cur, settings);
            case CATEGORICAL -> categorical(m, spec, base, cur, settings);
            default -> embedding(m, base, cur);
        }
        return m;
    }

    private static void numeric(Map<String, Object> m, BinSpec spec, ColumnProfile base, ColumnProfile cur,
            MonitoringConfig.Drift settings) {
        long[] fineBase = base.counts(spec.cells());
        long[] fineCur = cur.counts(spec.cells());
        long[] coarseBase = spec.coarse(fineBase);
        long[] coarseCur = spec.coarse(fineCur);
        m.put(PSI, DriftMath.psi(coarseBase, coarseCur, settings.smoothingEpsilon()));
        m.put(JS_DISTANCE, DriftMath.jsDistance(coarseBase, coarseCur));
        m.put(HELLINGER, DriftMath.hellinger(coarseBase, coarseCur));
        double ks = DriftMath.ksStatistic(fineBase, fineCur);
        m.put(KS_STATISTIC, ks);
        m.put(P_VALUE_TEST, "ks");
        m.put(P_VALUE, SignificanceTests.ksPValue(ks, base.nonNull(), cur.nonNull()));
        m.put(WASSERSTEIN, normalizedWasserstein(base, cur, spec.cells()));
        m.put(OUT_OF_RANGE_SHARE, share(cur.outOfRange(), cur.nonNull()));
    }

    /**
     * Wasserstein-1 with each fine bin's mass at its mean value (exact for the bin means, so a
     * shift of location is measured fully), divided by the baseline standard deviation (1 when
     * the baseline is constant) so one threshold fits every scale.
     */
    static double normalizedWasserstein(ColumnProfile base, ColumnProfile cur, int cells) {
        List<double[]> a = atoms(base, cells);
        List<double[]> b = atoms(cur, cells);
        double w = DriftMath.wasserstein(a.get(0), a.get(1), b.get(0), b.get(1));
        double n = 0;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < cells; i++) {
            ColumnProfile.Cell c = base.cell(i);
            n += c.n();
            sum += c.sum();
            sumSq += c.sumSq();
        }
        double mean = sum / n;
        double std = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
        return w / (std > 1e-12 * Math.max(1, Math.abs(mean)) ? std : 1);
    }

    private static List<double[]> atoms(ColumnProfile p, int cells) {
        List<Double> points = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (int i = 0; i < cells; i++) {
            ColumnProfile.Cell c = p.cell(i);
            if (c.n() > 0) {
                points.add(c.sum() / c.n());
                weights.add((double) c.n());
            }
        }
        return List.of(points.stream().mapToDouble(Double::doubleValue).toArray(),
                weights.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static void categorical(Map<String, Object> m, BinSpec spec, ColumnProfile base, ColumnProfile cur,
            MonitoringConfig.Drift settings) {
        long[] b = base.counts(spec.cells());
        long[] c = cur.counts(spec.cells());
        m.put(PSI, DriftMath.psi(b, c, settings.smoothingEpsilon()));
        m.put(JS_DISTANCE, DriftMath.jsDistance(b, c));
        m.put(HELLINGER, DriftMath.hellinger(b, c));
        m.put(TOTAL_VARIATION, DriftMath.totalVariation(b, c));
        m.put(L_INFINITY, DriftMath.lInfinity(b, c));
        m.put(UNSEEN_SHARE, share(c[0], cur.nonNull()));
        SignificanceTests.ChiSquared chi = SignificanceTests.chiSquared(b, c);
        m.put(P_VALUE_TEST, "chi_squared");
        if (chi != null) {
            m.put(CHI_SQUARED, chi.statistic());
            m.put(CHI_SQUARED_DF, chi.degreesOfFreedom());
            m.put(P_VALUE, chi.pValue());
        }
    }

    /** Mean vectors over the dimensions both sides have; the shift is in units of the baseline's RMS distance to its mean. */
    private static void embedding(Map<String, Object> m, ColumnProfile base, ColumnProfile cur) {
        int d = Math.min(base.dimensions(), cur.dimensions());
        if (d == 0) {
            return;
        }
        double[] mb = new double[d];
        double[] mc = new double[d];
        double trace = 0;
        for (int i = 0; i < d; i++) {
            ColumnProfile.Cell b = base.cell(i);
            ColumnProfile.Cell c = cur.cell(i);
            mb[i] = b.sum() / b.n();
            mc[i] = c.sum() / c.n();
            trace += Math.max(0, b.sumSq() / b.n() - mb[i] * mb[i]);
        }
        double euclidean = DriftMath.euclidean(mb, mc);
        m.put(EMBEDDING_EUCLIDEAN, euclidean);
        m.put(EMBEDDING_COSINE, nullIfNaN(DriftMath.cosineDistance(mb, mc)));
        m.put(EMBEDDING_SHIFT, trace > 0 ? euclidean / Math.sqrt(trace) : null);
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
