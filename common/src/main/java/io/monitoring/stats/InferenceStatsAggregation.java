package io.monitoring.stats;

import static io.monitoring.model.Columns.*;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.ingest.PredictionKinds;
import io.monitoring.model.Schemas;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Inferences to hourly {@code inference_stats} rows: pure {@code Dataset -> Dataset} functions, no
 * I/O. Every inference is exploded once into (slice x prediction item) rows and grouped once; no
 * Spark job per model, class or slice.
 *
 * <p>Prediction items of an inference: a classifier's label (with its score as confidence); each
 * box of a detector (class name, box confidence); otherwise (failed inference, detector without
 * boxes, regression, ranking, kind none/other, classifier without a label) one item of class "" with
 * no confidence. An item is the "first" of its class in its inference when no earlier item has the
 * same class: first items carry the inference's count, error and latency, so a detection with three
 * boxes of class X counts 3 for X's class_count but 1 for its num_inferences and its latency once.
 * The model-level row sees all items of an inference, the first of them carrying the inference.
 */
public final class InferenceStatsAggregation {
    public static final String LEVEL_MODEL = "model";
    public static final String LEVEL_CLASS = "class";
    public static final String PRODUCTION = "production";
    /** The column of {@link #productionInWindowAndDays} naming the scope a row's segment values are capped in. */
    public static final String CAP_SCOPE = "cap_scope";
    /** The predicted_class of an inference without a class prediction. */
    public static final String NO_CLASS = "";

    private static final String ITEM = "item";
    private static final String SLICE = "slice";
    private static final String FIRST = "first";
    private static final String CONF = "conf";
    private static final String CLS = "cls";
    private static final String LAT = "lat";
    private static final String DEPLOYMENT = "deployment";
    private static final String VERSION = "server_version";
    private static final String SLICE_COUNT = "slice_count";
    private static final String KEPT = "kept";

    private InferenceStatsAggregation() {}

    /** Production inferences with event time in the window; filters event_date too so Delta prunes partitions. */
    public static Dataset<Row> productionInWindow(Dataset<Row> inferences, TimeWindow window) {
        LocalDate first = LocalDate.ofInstant(window.start(), ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(window.end().minusNanos(1), ZoneOffset.UTC);
        return inferences
                .filter(col(EVENT_DATE).geq(lit(first)).and(col(EVENT_DATE).leq(lit(last))))
                .filter(col(EVENT_TIME).geq(lit(window.start())).and(col(EVENT_TIME).lt(lit(window.end()))))
                .filter(col(ENVIRONMENT).equalTo(lit(PRODUCTION)));
    }

    /**
     * Production inferences with event time in the window, plus all production inferences of the
     * given whole UTC days (days outside the window that received late data). Column
     * {@link #CAP_SCOPE} holds the day for rows of those days and "window" for the others, so each
     * day is capped as a run over that day alone would cap it.
     */
    public static Dataset<Row> productionInWindowAndDays(Dataset<Row> inferences, TimeWindow window, Collection<LocalDate> days) {
        Dataset<Row> inWindow = productionInWindow(inferences, window);
        if (days.isEmpty()) {
            return inWindow.withColumn(CAP_SCOPE, lit("window"));
        }
        Column lateDay = col(EVENT_DATE).isin(days.toArray());
        Dataset<Row> ofDays = inferences.filter(lateDay).filter(col(ENVIRONMENT).equalTo(lit(PRODUCTION)));
        return inWindow.filter(not(lateDay)).withColumn(CAP_SCOPE, lit("window"))
                .unionByName(ofDays.withColumn(CAP_SCOPE, col(EVENT_DATE).cast(DataTypes.StringType)));
    }

    /**
     * Hourly stats of the given inferences (already restricted to production and the window), with
     * exactly the {@link Schemas#INFERENCE_STATS} columns. Segment values are capped per (model, key)
     * over all the given rows: the {@code maxValuesPerKey} most frequent values (ties by value) keep
     * their name, the rest become {@code otherValue}.
     */
    public static Dataset<Row> hourlyStats(Dataset<Row> inferences, MonitoringConfig config) {
        return hourlyStats(inferences, lit(""), config);
    }

    /**
     * Hourly stats as {@link #hourlyStats(Dataset, MonitoringConfig)}, with segment values capped
     * separately within each value of {@code capScope} (e.g. one scope per recomputed day), so rows
     * computed together come out as if each scope had been computed on its own.
     */
    public static Dataset<Row> hourlyStats(Dataset<Row> inferences, Column capScope, MonitoringConfig config) {
        MonitoringConfig.Segments segments = config.segments();
        Dataset<Row> base = inferences.select(
                capScope.as(CAP_SCOPE),
                date_trunc("hour", col(EVENT_TIME)).as(WINDOW_START),
                workspaceOf(col(MODEL_ID), config.models()).as(WORKSPACE),
                col(MODEL_ID),
                col(MODEL_VERSION),
                firstPresentTag(config.stats().deploymentTypeKeys()).as(DEPLOYMENT),
                firstPresentTag(config.stats().serverVersionKeys()).as(VERSION),
                finite(col(LATENCY_MS)).as(LAT),
                col(IS_ERROR),
                items().as(ITEM),
                segmentSlices(segments.keys()).as(SLICE));

        Dataset<Row> sliced = base.withColumn(SLICE, explode(col(SLICE)))
                .withColumn(SLICE_KEY, col(SLICE + "." + SLICE_KEY))
                .withColumn(SLICE_VALUE, col(SLICE + "." + SLICE_VALUE))
                .drop(SLICE)
                // a key the inference's tags lack is no slice of it
                .where(col(SLICE_KEY).isNull().or(col(SLICE_VALUE).isNotNull()));
        Dataset<Row> capped = capSegmentValues(sliced, segments);

        Dataset<Row> items = capped
                .withColumn(ITEM, explode(col(ITEM)))
                .select(
                        col(WINDOW_START), col(WORKSPACE), col(MODEL_ID), col(MODEL_VERSION),
                        col(ITEM + "." + LEVEL).as(LEVEL),
                        col(ITEM + "." + CLS).as(PREDICTED_CLASS),
                        col(SLICE_KEY), col(SLICE_VALUE),
                        col(ITEM + "." + FIRST).as(FIRST),
                        col(ITEM + "." + CONF).as(CONF),
                        when(col(ITEM + "." + FIRST), col(LAT)).as(LAT),
                        col(IS_ERROR), col(DEPLOYMENT), col(VERSION));

        UserDefinedFunction sketch = KllSketchAggregator.udaf();
        Dataset<Row> grouped = items
                .groupBy(col(WINDOW_START), col(WORKSPACE), col(MODEL_ID), col(MODEL_VERSION), col(LEVEL),
                        col(PREDICTED_CLASS), col(SLICE_KEY), col(SLICE_VALUE))
                .agg(
                        sum(when(col(FIRST), 1L).otherwise(0L)).as(NUM_INFERENCES),
                        sum(when(col(FIRST).and(col(IS_ERROR)), 1L).otherwise(0L)).as(NUM_ERRORS),
                        count(lit(1)).as(CLASS_COUNT),
                        sum(col(CONF).cast(Schemas.CONFIDENCE_SUM_TYPE)).as(CONFIDENCE_SUM),
                        count(col(CONF)).as(CONFIDENCE_COUNT),
                        sketch.apply(col(CONF)).as(CONFIDENCE_SKETCH),
                        sum(col(LAT).cast(Schemas.LATENCY_SUM_TYPE)).as(LATENCY_SUM_MS),
                        count(col(LAT)).as(LATENCY_COUNT),
                        sketch.apply(col(LAT)).as(LATENCY_SKETCH),
                        sort_array(collect_set(col(DEPLOYMENT))).as(DEPLOYMENT_TYPES),
                        sort_array(collect_set(col(VERSION))).as(SERVER_VERSIONS));

        return grouped
                .withColumn(WINDOW_END, expr(WINDOW_START + " + INTERVAL 1 HOUR"))
                .withColumn(EVENT_DATE, to_date(col(WINDOW_START)))
                .withColumn(CONFIDENCE_SUM, coalesce(col(CONFIDENCE_SUM), lit(0).cast(Schemas.CONFIDENCE_SUM_TYPE)))
                .withColumn(LATENCY_SUM_MS, coalesce(col(LATENCY_SUM_MS), lit(0).cast(Schemas.LATENCY_SUM_TYPE)))
                .select(schemaColumns());
    }

    /**
     * Keeps, per (cap scope, model, segment key), the most frequent values; the others become the configured
     * other value. The whole-model slice (key null) is never touched. The counts come from a small
     * aggregation over (model, key, value) that is broadcast back.
     */
    static Dataset<Row> capSegmentValues(Dataset<Row> sliced, MonitoringConfig.Segments segments) {
        Dataset<Row> keyed = sliced.filter(col(SLICE_KEY).isNotNull());
        Dataset<Row> kept = keyed.groupBy(col(CAP_SCOPE), col(MODEL_ID), col(SLICE_KEY), col(SLICE_VALUE))
                .agg(count(lit(1)).as(SLICE_COUNT))
                .withColumn("rank", row_number().over(Window.partitionBy(col(CAP_SCOPE), col(MODEL_ID), col(SLICE_KEY))
                        .orderBy(col(SLICE_COUNT).desc(), col(SLICE_VALUE).asc())))
                .filter(col("rank").leq(segments.maxValuesPerKey()))
                .select(col(CAP_SCOPE).as("k_scope"), col(MODEL_ID).as("k_model"), col(SLICE_KEY).as("k_key"),
                        col(SLICE_VALUE).as("k_value"), lit(true).as(KEPT));
        Column match = col(CAP_SCOPE).equalTo(col("k_scope"))
                .and(col(MODEL_ID).equalTo(col("k_model")))
                .and(col(SLICE_KEY).equalTo(col("k_key")))
                .and(col(SLICE_VALUE).equalTo(col("k_value")));
        return sliced.join(broadcast(kept), match, "left")
                .withColumn(SLICE_VALUE, when(col(SLICE_KEY).isNull(), lit(null).cast(DataTypes.StringType))
                        .when(col(KEPT).isNotNull(), col(SLICE_VALUE))
                        .otherwise(lit(segments.otherValue())))
                .drop("k_scope", "k_model", "k_key", "k_value", KEPT);
    }

    /**
     * array&lt;struct&lt;level, cls, first, conf&gt;&gt;: the inference's prediction items at class
     * and at model level. A detector's boxes go through {@link #items(Column)}; every other inference
     * has one item (a classifier's label and score; otherwise class "" without confidence), built
     * with plain code-generated expressions: the lambdas of the general path are interpreted, and
     * were evaluated for every inference.
     */
    static Column items() {
        Column boxes = transform(col(PREDICTION_DETECTIONS),
                d -> struct(d.getField(DETECTION_CLASS).as(CLS), finite(d.getField(DETECTION_CONFIDENCE)).as(CONF)));
        Column noClass = oneItem(lit(NO_CLASS), lit(null).cast(DataTypes.DoubleType));
        return when(col(IS_ERROR), noClass)
                .when(col(PREDICTION_KIND).equalTo(lit(PredictionKinds.DETECTION)).and(size(col(PREDICTION_DETECTIONS)).gt(0)),
                        items(boxes))
                .when(col(PREDICTION_KIND).equalTo(lit(PredictionKinds.CLASSIFICATION)).and(col(PREDICTION_LABEL).isNotNull()),
                        oneItem(col(PREDICTION_LABEL), finite(col(PREDICTION_SCORE))))
                .otherwise(noClass);
    }

    /** The items of an inference with one prediction: its class-level item and its model-level item, both first. */
    private static Column oneItem(Column cls, Column conf) {
        return array(
                struct(lit(LEVEL_CLASS).as(LEVEL), cls.as(CLS), lit(true).as(FIRST), conf.as(CONF)),
                struct(lit(LEVEL_MODEL).as(LEVEL), lit(null).cast(DataTypes.StringType).as(CLS), lit(true).as(FIRST), conf.as(CONF)));
    }

    /**
     * array&lt;struct&lt;level, cls, first, conf&gt;&gt; from an array of predictions (cls, conf): the
     * class-level items, then the same items at model level (class null, only the very first item
     * carrying the inference).
     */
    static Column items(Column predictions) {
        Column classItems = transform(predictions, (p, i) -> struct(
                lit(LEVEL_CLASS).as(LEVEL),
                p.getField(CLS).as(CLS),
                // the first occurrence of this class within the inference
                array_position(transform(predictions, q -> q.getField(CLS)), p.getField(CLS))
                        .equalTo(i.plus(1)).as(FIRST),
                p.getField(CONF).as(CONF)));
        Column modelItems = transform(predictions, (p, i) -> struct(
                lit(LEVEL_MODEL).as(LEVEL),
                lit(null).cast(DataTypes.StringType).as(CLS),
                i.equalTo(0).as(FIRST),
                p.getField(CONF).as(CONF)));
        return concat(classItems, modelItems);
    }

    /**
     * array&lt;struct&lt;slice_key, slice_value&gt;&gt;: the whole model, then each configured key with
     * its tag value (null when the tags lack it: dropped after the explode). Plain array and struct
     * expressions, code-generated; a {@code filter} lambda here was interpreted for every inference.
     */
    static Column segmentSlices(List<String> keys) {
        List<Column> slices = new ArrayList<>();
        slices.add(struct(lit(null).cast(DataTypes.StringType).as(SLICE_KEY), lit(null).cast(DataTypes.StringType).as(SLICE_VALUE)));
        for (String key : keys) {
            slices.add(struct(lit(key).as(SLICE_KEY), element_at(col(TAGS), lit(key)).as(SLICE_VALUE)));
        }
        return array(slices.toArray(new Column[0]));
    }

    /** The value of the first of these tag keys present on the inference, else null. */
    static Column firstPresentTag(List<String> keys) {
        if (keys.isEmpty()) {
            return lit(null).cast(DataTypes.StringType);
        }
        Column[] values = keys.stream().map(k -> element_at(col(TAGS), lit(k))).toArray(Column[]::new);
        return values.length == 1 ? values[0] : coalesce(values);
    }

    static Column workspaceOf(Column modelId, MonitoringConfig.Models models) {
        Column fallback = lit(models.defaultWorkspace());
        if (models.workspaceOfModel().isEmpty()) {
            return fallback;
        }
        List<Column> kv = new ArrayList<>();
        for (Map.Entry<String, String> e : models.workspaceOfModel().entrySet()) {
            kv.add(lit(e.getKey()));
            kv.add(lit(e.getValue()));
        }
        return coalesce(element_at(map(kv.toArray(new Column[0])), modelId), fallback);
    }

    /** Null for null, NaN and infinities: such values would poison sums and sketches. */
    static Column finite(Column value) {
        return when(value.between(lit(-Double.MAX_VALUE), lit(Double.MAX_VALUE)), value);
    }

    private static Column[] schemaColumns() {
        return java.util.Arrays.stream(Schemas.INFERENCE_STATS.fields())
                .map(f -> col(f.name()).cast(f.dataType()).as(f.name()))
                .toArray(Column[]::new);
    }
}
