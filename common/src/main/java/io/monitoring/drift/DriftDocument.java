package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.*;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitoring.stats.TimeWindow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Row;

/**
 * The published drift document of one workspace and window, built from its drift_metrics rows:
 * a summary, then every compared column with drifted columns first (most severe first), then
 * the rest, then rows without a verdict. Pure: rows in, JSON tree out; the publish job writes it.
 */
public final class DriftDocument {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> STATISTICS = List.of(PSI, JS_DISTANCE, KS_STATISTIC, CHI_SQUARED, WASSERSTEIN,
            HELLINGER, TOTAL_VARIATION, L_INFINITY, UNSEEN_SHARE, EMBEDDING_EUCLIDEAN, EMBEDDING_COSINE, EMBEDDING_SHIFT);
    private static final List<String> QUALITY = List.of(NULL_SHARE, BASELINE_NULL_SHARE, OUT_OF_RANGE_SHARE, COUNT_CHANGE);
    private static final Map<String, Integer> SEVERITY_RANK = Map.of("high", 3, "medium", 2, "low", 1, "none", 0);

    /** Drifted first, by severity; then columns judged not drifted; then those without a verdict; ties by key. */
    static final Comparator<Row> ORDER = Comparator
            .comparingInt((Row r) -> verdictRank(r))
            .thenComparing((Row r) -> -SEVERITY_RANK.getOrDefault(Objects.toString(r.getAs(SEVERITY), "none"), 0))
            .thenComparing((Row r) -> Objects.toString(r.getAs(MODEL_ID), ""))
            .thenComparing((Row r) -> Objects.toString(r.getAs(MODEL_VERSION), ""))
            .thenComparing((Row r) -> r.getAs(SLICE_KEY) == null ? "" : "~" + r.getAs(SLICE_KEY) + "=" + r.getAs(SLICE_VALUE))
            .thenComparing((Row r) -> Objects.toString(r.getAs(COLUMN_NAME), ""))
            .thenComparing((Row r) -> Objects.toString(r.getAs(BASELINE), ""));

    private DriftDocument() {}

    public static ObjectNode build(String workspace, TimeWindow window, List<Row> rows) {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(ORDER);
        ObjectNode doc = JSON.objectNode();
        doc.put("workspace", workspace);
        doc.put("window_start", window.start().toString());
        doc.put("window_end", window.end().toString());
        ObjectNode summary = doc.putObject("summary");
        summary.put("compared", rows.size());
        summary.put("drifted", rows.stream().filter(r -> Boolean.TRUE.equals(r.getAs(DRIFTED))).count());
        summary.put(STATUS_INSUFFICIENT, rows.stream().filter(r -> STATUS_INSUFFICIENT.equals(r.getAs(STATUS))).count());
        summary.put(STATUS_NO_BASELINE, rows.stream().filter(r -> STATUS_NO_BASELINE.equals(r.getAs(STATUS))).count());
        ArrayNode columns = doc.putArray("columns");
        for (Row r : sorted) {
            columns.add(column(r));
        }
        return doc;
    }

    private static ObjectNode column(Row r) {
        ObjectNode c = JSON.objectNode();
        for (String key : List.of(MODEL_ID, MODEL_VERSION, SLICE_KEY, SLICE_VALUE, COLUMN_NAME, COLUMN_TYPE, BASELINE, STATUS)) {
            c.put(key, (String) r.getAs(key));
        }
        put(c, BASELINE_START, r.getAs(BASELINE_START));
        put(c, BASELINE_END, r.getAs(BASELINE_END));
        put(c, DRIFTED, r.getAs(DRIFTED));
        put(c, SEVERITY, r.getAs(SEVERITY));
        ArrayNode reasons = c.putArray(DRIFT_REASONS);
        List<String> why = r.getList(r.fieldIndex(DRIFT_REASONS));
        why.forEach(reasons::add);
        put(c, SAMPLE_SIZE, r.getAs(SAMPLE_SIZE));
        put(c, BASELINE_SAMPLE_SIZE, r.getAs(BASELINE_SAMPLE_SIZE));
        put(c, P_VALUE_TEST, r.getAs(P_VALUE_TEST));
        put(c, P_VALUE, r.getAs(P_VALUE));
        put(c, P_VALUE_ADJUSTED, r.getAs(P_VALUE_ADJUSTED));
        ObjectNode stats = c.putObject("statistics");
        for (String s : STATISTICS) {
            if (r.getAs(s) != null) {
                put(stats, s, r.getAs(s));
            }
        }
        ObjectNode quality = c.putObject("data_quality");
        for (String q : QUALITY) {
            put(quality, q, r.getAs(q));
        }
        return c;
    }

    private static int verdictRank(Row r) {
        Boolean drifted = r.getAs(DRIFTED);
        return drifted == null ? 2 : drifted ? 0 : 1;
    }

    private static void put(ObjectNode node, String key, Object value) {
        if (value == null) {
            node.putNull(key);
        } else if (value instanceof Double d) {
            node.put(key, d);
        } else if (value instanceof Long l) {
            node.put(key, l);
        } else if (value instanceof Integer i) {
            node.put(key, i);
        } else if (value instanceof Boolean b) {
            node.put(key, b);
        } else {
            node.put(key, value.toString());
        }
    }
}
