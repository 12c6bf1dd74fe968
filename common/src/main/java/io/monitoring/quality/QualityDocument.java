package io.monitoring.quality;

import static io.monitoring.model.Columns.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import scala.collection.JavaConverters;

/**
 * The published quality document of one workspace, granularity and window, built from its
 * {@code model_quality} rows: pure, no Spark job, no I/O.
 *
 * <pre>
 * {"workspace": ..., "granularity": "day", "window_start": ISO, "window_end": ISO,
 *  "models": [{"model_name": ..., "model_version": ..., ...every metric column..., 
 *              "slices": [{"slice_key": ..., "slice_value": ..., ...every metric column...}]}]}
 * </pre>
 * Metric fields keep the table's column names; a metric that does not apply is JSON null, as in
 * the stats document. Models are ordered by name and version, slices by key and value.
 */
public final class QualityDocument {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Columns that place a row rather than describe the model's quality. */
    private static final Set<String> PLACEMENT = Set.of(GRANULARITY, WINDOW_START, WINDOW_END, QualityColumns.WINDOW_DATE,
            WORKSPACE, MODEL_ID, MODEL_VERSION, SLICE_KEY, SLICE_VALUE);
    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    private QualityDocument() {}

    /** @param rows the model_quality rows of one workspace, granularity and window (any order) */
    public static ObjectNode build(String workspace, String granularity, Instant windowStart, Instant windowEnd, List<Row> rows) {
        ObjectNode doc = JSON.objectNode();
        doc.put(WORKSPACE, workspace);
        doc.put(GRANULARITY, granularity);
        doc.put(WINDOW_START, windowStart.toString());
        doc.put(WINDOW_END, windowEnd.toString());
        Map<List<String>, List<Row>> byModel = new LinkedHashMap<>();
        rows.stream()
                .peek(r -> require(r, workspace, granularity, windowStart))
                .sorted(Comparator.comparing((Row r) -> r.<String>getAs(MODEL_ID))
                        .thenComparing(r -> r.<String>getAs(MODEL_VERSION), NULLS_FIRST)
                        .thenComparing(r -> r.<String>getAs(SLICE_KEY), NULLS_FIRST)
                        .thenComparing(r -> r.<String>getAs(SLICE_VALUE), NULLS_FIRST))
                .forEach(r -> byModel.computeIfAbsent(java.util.Arrays.asList(r.<String>getAs(MODEL_ID), r.<String>getAs(MODEL_VERSION)),
                        k -> new ArrayList<>()).add(r));
        ArrayNode models = doc.putArray("models");
        byModel.forEach((key, group) -> {
            ObjectNode model = models.addObject();
            model.put("model_name", key.get(0));
            model.put(MODEL_VERSION, key.get(1));
            ArrayNode slices = JSON.arrayNode();
            for (Row r : group) {
                if (r.getAs(SLICE_KEY) == null) {
                    metrics(r, model);
                } else {
                    ObjectNode slice = slices.addObject();
                    slice.put(SLICE_KEY, r.<String>getAs(SLICE_KEY));
                    slice.put(SLICE_VALUE, r.<String>getAs(SLICE_VALUE));
                    metrics(r, slice);
                }
            }
            model.set("slices", slices);
        });
        return doc;
    }

    private static void require(Row r, String workspace, String granularity, Instant windowStart) {
        if (!workspace.equals(r.getAs(WORKSPACE)) || !granularity.equals(r.getAs(GRANULARITY))
                || !windowStart.equals(instant(r.getAs(WINDOW_START)))) {
            throw new IllegalArgumentException("a model_quality row of another workspace or window: " + r.getAs(WORKSPACE) + " "
                    + r.getAs(GRANULARITY) + " " + r.getAs(WINDOW_START));
        }
    }

    private static void metrics(Row r, ObjectNode into) {
        for (StructField f : r.schema().fields()) {
            if (!PLACEMENT.contains(f.name())) {
                into.set(f.name(), value(r.get(r.fieldIndex(f.name()))));
            }
        }
    }

    private static JsonNode value(Object v) {
        if (v == null) {
            return JSON.nullNode();
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? JSON.nullNode() : JSON.numberNode(d);
        }
        if (v instanceof Long l) {
            return JSON.numberNode(l);
        }
        if (v instanceof Integer i) {
            return JSON.numberNode(i);
        }
        if (v instanceof Boolean b) {
            return JSON.booleanNode(b);
        }
        if (v instanceof Row row) {
            ObjectNode o = JSON.objectNode();
            for (StructField f : row.schema().fields()) {
                o.set(f.name(), value(row.get(row.fieldIndex(f.name()))));
            }
            return o;
        }
        if (v instanceof scala.collection.Seq<?> seq) {
            ArrayNode a = JSON.arrayNode();
            JavaConverters.seqAsJavaList(seq).forEach(x -> a.add(value(x)));
            return a;
        }
        if (v instanceof java.sql.Timestamp || v instanceof Instant) {
            return JSON.textNode(Objects.requireNonNull(instant(v)).toString());
        }
        return JSON.textNode(v.toString());
    }

    private static Instant instant(Object v) {
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return (Instant) v;
    }
}
