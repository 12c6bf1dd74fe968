package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.*;

import io.monitoring.ingest.RowBuilder;
import io.monitoring.stats.TimeWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;

/** Composes drift_baselines rows from collected bins and profiles, and reads bins back from them. */
public final class DriftBaselineRows {
    private DriftBaselineRows() {}

    /**
     * Reference rows: every (model, slice, column) profile with its column's bins; a
     * {@link DriftColumns#NO_REFERENCE} marker for each model in {@code models} with no reference records.
     */
    public static List<Row> reference(Collection<String> models, List<Row> bins, List<Row> profiles,
            Map<String, TimeWindow> spans, String runId, Instant computedAt) {
        Map<List<String>, Row> binsByColumn = byColumn(bins);
        List<Row> out = new ArrayList<>();
        Set<String> withRows = new TreeSet<>();
        for (Row p : profiles) {
            String model = p.getAs(MODEL_ID);
            withRows.add(model);
            Row b = binsByColumn.get(List.of(model, p.getAs(COLUMN_NAME), p.getAs(COLUMN_TYPE)));
            out.add(row(model, SIDE_REFERENCE, spans.get(model), p.getAs(COLUMN_NAME), p.getAs(COLUMN_TYPE), b, runId, computedAt)
                    .set(SLICE_KEY, p.getAs(SLICE_KEY))
                    .set(SLICE_VALUE, p.getAs(SLICE_VALUE))
                    .set(HISTOGRAM, p.getList(p.fieldIndex(HISTOGRAM)))
                    .build());
        }
        for (String model : models) {
            if (!withRows.contains(model)) {
                out.add(row(model, SIDE_REFERENCE, spans.get(model), NO_REFERENCE, "none", null, runId, computedAt).build());
            }
        }
        return out;
    }

    /** Bins computed from a previous window (models without a reference), one row per column, no histogram. */
    public static List<Row> previousWindow(List<Row> bins, TimeWindow span, String runId, Instant computedAt) {
        List<Row> out = new ArrayList<>();
        for (Row b : bins) {
            out.add(row(b.getAs(MODEL_ID), BASELINE_PREVIOUS, span, b.getAs(COLUMN_NAME), b.getAs(COLUMN_TYPE), b, runId, computedAt)
                    .build());
        }
        return out;
    }

    /** Bins of each column from bins rows or whole-model drift_baselines rows, keyed (model, column, type). */
    public static Map<List<String>, BinSpec> binSpecs(List<Row> rows) {
        Map<List<String>, BinSpec> out = new LinkedHashMap<>();
        for (Row r : rows) {
            boolean wholeModel = !Arrays.asList(r.schema().fieldNames()).contains(SLICE_KEY) || r.isNullAt(r.fieldIndex(SLICE_KEY));
            if (wholeModel && !NO_REFERENCE.equals(r.getAs(COLUMN_NAME))) {
                BinSpec spec = BinSpec.of(r);
                out.put(List.of(spec.modelId(), spec.column(), spec.type()), spec);
            }
        }
        return out;
    }

    private static Map<List<String>, Row> byColumn(List<Row> bins) {
        Map<List<String>, Row> out = new LinkedHashMap<>();
        for (Row b : bins) {
            out.put(List.of(b.getAs(MODEL_ID), b.getAs(COLUMN_NAME), b.getAs(COLUMN_TYPE)), b);
        }
        return out;
    }

    private static RowBuilder row(String model, String source, TimeWindow span, String column, String type, Row bins,
            String runId, Instant computedAt) {
        RowBuilder r = new RowBuilder(DriftSchemas.DRIFT_BASELINES)
                .set(MODEL_ID, model)
                .set(BINS_SOURCE, source)
                .set(BASELINE_START, span == null ? null : span.start())
                .set(BASELINE_END, span == null ? null : span.end())
                .set(COLUMN_NAME, column)
                .set(COLUMN_TYPE, type)
                .set(RUN_ID, runId)
                .set(COMPUTED_AT, computedAt);
        if (bins != null) {
            for (String c : List.of(EDGES, PSI_EDGES, CATEGORIES)) {
                r.set(c, bins.isNullAt(bins.fieldIndex(c)) ? null : bins.getList(bins.fieldIndex(c)));
            }
            r.set(RANGE_MIN, bins.getAs(RANGE_MIN)).set(RANGE_MAX, bins.getAs(RANGE_MAX));
        }
        return r;
    }
}
