package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.*;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.ingest.RowBuilder;
import io.monitoring.stats.TimeWindow;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;

/**
 * Turns the collected profiles of one window into its drift_metrics rows, on the driver: for each
 * current (model, version, slice, column) a comparison with the previous window and, when the
 * model has a reference, with the reference; then the verdicts per model and baseline.
 */
public final class DriftEvaluator {
    private DriftEvaluator() {}

    /** What a window is compared with, beside the window itself. */
    public record Baselines(
            Map<List<String>, BinSpec> bins,
            List<Row> referenceProfiles,
            Map<String, TimeWindow> referenceSpans,
            Set<String> modelsWithReference) {}

    public static List<Row> evaluate(TimeWindow window, List<Row> windowProfiles, Baselines baselines,
            MonitoringConfig.Drift settings, String runId, Instant computedAt) {
        Map<List<String>, Row> current = new LinkedHashMap<>();
        Map<List<String>, Row> previous = new LinkedHashMap<>();
        for (Row r : windowProfiles) {
            List<String> key = Arrays.asList(r.getAs(MODEL_ID), r.getAs(MODEL_VERSION), r.getAs(SLICE_KEY),
                    r.getAs(SLICE_VALUE), r.getAs(COLUMN_NAME), r.getAs(COLUMN_TYPE));
            (SIDE_CURRENT.equals(r.getAs(SIDE)) ? current : previous).put(key, r);
        }
        Map<List<String>, Row> reference = new LinkedHashMap<>();
        for (Row r : baselines.referenceProfiles()) {
            reference.put(Arrays.asList(r.getAs(MODEL_ID), r.getAs(SLICE_KEY), r.getAs(SLICE_VALUE),
                    r.getAs(COLUMN_NAME), r.getAs(COLUMN_TYPE)), r);
        }

        Map<List<String>, List<Map<String, Object>>> families = new LinkedHashMap<>();
        Set<List<String>> keys = new LinkedHashSet<>(current.keySet());
        keys.addAll(previous.keySet());
        TimeWindow prev = window.previous();
        for (List<String> key : keys) {
            String model = key.get(0);
            String type = key.get(5);
            BinSpec spec = baselines.bins().get(List.of(model, key.get(4), type));
            ColumnProfile cur = profile(current.get(key), type);
            Map<String, Object> vsPrevious = DriftComparison.compare(type, spec, profile(previous.get(key), type), cur, settings);
            add(families, key, BASELINE_PREVIOUS, prev, vsPrevious);
            if (current.containsKey(key) && baselines.modelsWithReference().contains(model)) {
                Row ref = reference.get(Arrays.asList(model, key.get(2), key.get(3), key.get(4), type));
                Map<String, Object> vsReference = DriftComparison.compare(type, spec, profile(ref, type), cur, settings);
                add(families, key, BASELINE_REFERENCE, baselines.referenceSpans().get(model), vsReference);
            }
        }

        List<Row> rows = new ArrayList<>();
        for (List<Map<String, Object>> family : families.values()) {
            DriftVerdicts.judge(family, settings);
            for (Map<String, Object> m : family) {
                rows.add(toRow(window, m, runId, computedAt));
            }
        }
        return rows;
    }

    private static void add(Map<List<String>, List<Map<String, Object>>> families, List<String> key, String baseline,
            TimeWindow span, Map<String, Object> measures) {
        measures.put(MODEL_ID, key.get(0));
        measures.put(MODEL_VERSION, key.get(1));
        measures.put(SLICE_KEY, key.get(2));
        measures.put(SLICE_VALUE, key.get(3));
        measures.put(COLUMN_NAME, key.get(4));
        measures.put(COLUMN_TYPE, key.get(5));
        measures.put(BASELINE, baseline);
        measures.put(BASELINE_START, span == null ? null : span.start());
        measures.put(BASELINE_END, span == null ? null : span.end());
        families.computeIfAbsent(List.of(key.get(0), baseline), k -> new ArrayList<>()).add(measures);
    }

    private static ColumnProfile profile(Row row, String type) {
        return row == null ? null : ColumnProfile.of(type, row.getList(row.fieldIndex(HISTOGRAM)));
    }

    private static Row toRow(TimeWindow window, Map<String, Object> m, String runId, Instant computedAt) {
        RowBuilder b = new RowBuilder(DriftSchemas.DRIFT_METRICS)
                .set(WINDOW_START, window.start())
                .set(WINDOW_END, window.end())
                .set(WINDOW_DATE, window.start().atZone(ZoneOffset.UTC).toLocalDate())
                .set(RUN_ID, runId)
                .set(COMPUTED_AT, computedAt);
        for (Map.Entry<String, Object> e : m.entrySet()) {
            Object v = e.getValue();
            b.set(e.getKey(), v instanceof Double d && d.isNaN() ? null : v);
        }
        Row built = b.build();
        Object[] values = new Object[built.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = built.get(i);
        }
        // with its schema, so callers can read the rows by column name
        return new GenericRowWithSchema(values, DriftSchemas.DRIFT_METRICS);
    }
}
