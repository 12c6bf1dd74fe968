package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.*;

import io.monitoring.config.MonitoringConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verdicts over one family of comparisons (one model, window and baseline, all versions, slices
 * and columns): Benjamini-Hochberg adjusts the p-values of the rows with status ok; a numeric or
 * categorical column drifts when its adjusted p-value is below the false discovery rate AND at
 * least one statistic reaches its threshold; an embedding (no test) when its shift reaches its
 * threshold. Rows without status ok get no verdict (drifted and severity null).
 */
public final class DriftVerdicts {
    private DriftVerdicts() {}

    public static void judge(List<Map<String, Object>> family, MonitoringConfig.Drift settings) {
        double[] p = new double[family.size()];
        for (int i = 0; i < p.length; i++) {
            Map<String, Object> row = family.get(i);
            Double raw = (Double) row.get(P_VALUE);
            p[i] = STATUS_OK.equals(row.get(STATUS)) && raw != null && !raw.isNaN() ? raw : Double.NaN;
        }
        double[] adjusted = BenjaminiHochberg.adjust(p);
        for (int i = 0; i < p.length; i++) {
            Map<String, Object> row = family.get(i);
            row.put(P_VALUE_ADJUSTED, Double.isNaN(adjusted[i]) ? null : adjusted[i]);
            Map<String, Double> ratios = exceeded(row, settings.thresholds());
            row.put(DRIFT_REASONS, new ArrayList<>(ratios.keySet()));
            if (!STATUS_OK.equals(row.get(STATUS))) {
                row.put(DRIFTED, null);
                row.put(SEVERITY, null);
                continue;
            }
            boolean significant = EMBEDDING.equals(row.get(COLUMN_TYPE))
                    || (!Double.isNaN(adjusted[i]) && adjusted[i] < settings.falseDiscoveryRate());
            boolean drifted = significant && !ratios.isEmpty();
            row.put(DRIFTED, drifted);
            row.put(SEVERITY, drifted ? severity(ratios, settings) : "none");
        }
    }

    /** The statistics at or above their thresholds, with value / threshold. */
    static Map<String, Double> exceeded(Map<String, Object> row, MonitoringConfig.DriftThresholds t) {
        Map<String, Double> out = new LinkedHashMap<>();
        check(out, row, PSI, t.psi());
        check(out, row, JS_DISTANCE, t.jsDistance());
        check(out, row, KS_STATISTIC, t.ksStatistic());
        check(out, row, WASSERSTEIN, t.wasserstein());
        check(out, row, HELLINGER, t.hellinger());
        check(out, row, TOTAL_VARIATION, t.totalVariation());
        check(out, row, L_INFINITY, t.lInfinity());
        check(out, row, UNSEEN_SHARE, t.unseenShare());
        check(out, row, EMBEDDING_SHIFT, t.embeddingShift());
        return out;
    }

    private static void check(Map<String, Double> out, Map<String, Object> row, String column, double threshold) {
        Object v = row.get(column);
        if (v instanceof Double d && !d.isNaN() && d >= threshold) {
            out.put(column, d / threshold);
        }
    }

    private static String severity(Map<String, Double> ratios, MonitoringConfig.Drift settings) {
        double worst = ratios.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        if (worst >= settings.severityHighRatio()) {
            return "high";
        }
        return worst >= settings.severityMediumRatio() ? "medium" : "low";
    }
}
