package io.monitoring.stats;

import static io.monitoring.model.Columns.*;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.model.Schemas;
import io.monitoring.spark.BoundedPartials;
import io.monitoring.spark.WindowStarts;
import io.monitoring.spark.columnar.ColumnarRows;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Inferences to hourly {@code inference_stats} rows: {@code Dataset -> Dataset} functions that
 * write nothing. Each inference is read once per pass and added to every group it belongs to; no
 * Spark job per model, class or slice.
 *
 * <p>Prediction items of an inference: a classifier's label (with its score as confidence); each
 * box of a detector (class name, box confidence); otherwise (failed inference, detector without
 * boxes, regression, ranking, kind none/other, classifier without a label) one item of class "" with
 * no confidence. Confidences and latencies that are NaN or infinite count as absent. An item is the
 * "first" of its class in its inference when no earlier item has the same class (a box without a
 * class never is): first items carry the inference's count, error and latency, so a detection with three
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

    static final String SLICE_COUNT = "slice_count";
    /**
     * Groups a task holds before handing them out ({@link BoundedPartials}): a
     * cell is about 4 KB with its two sketches, so about 64 MB per task; the segment values'
     * counts are bounded by {@link BoundedPartials#MAX_COUNTS_PER_TASK}.
     */
    static final int MAX_CELLS_PER_TASK = 16_384;

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
     *
     * <p>Two passes over the inferences, each a Java loop over Spark's internal rows (read in place
     * from the Parquet column batches when the input is a plain table scan): the first counts each
     * segment value, and the values kept per (scope, model, key) go to the executors; the second
     * adds every inference to its partition's cells ({@link HourlyStatsPartition}). The cells of
     * all partitions are then merged per group by one small aggregation. Exploding every inference
     * into its (slice x item) rows and aggregating those in Spark cost several times as much.
     */
    public static Dataset<Row> hourlyStats(Dataset<Row> inferences, Column capScope, MonitoringConfig config) {
        return hourlyStats(inferences, capScope, config, MAX_CELLS_PER_TASK, BoundedPartials.MAX_COUNTS_PER_TASK);
    }

    /** {@link #hourlyStats(Dataset, Column, MonitoringConfig)} with the groups a task holds at most. */
    static Dataset<Row> hourlyStats(Dataset<Row> inferences, Column capScope, MonitoringConfig config, int maxCells, int maxCounts) {
        SparkSession spark = inferences.sparkSession();
        Dataset<Row> input = inferences.select(InferenceFacts.columns(capScope.as(CAP_SCOPE)));
        InferenceFacts.Layout layout = InferenceFacts.Layout.of(config, input.schema(), WindowStarts.of(spark));
        SegmentCaps caps = segmentCaps(input, layout, config.segments(), maxCounts);
        Map<String, String> workspaces = new HashMap<>(config.models().workspaceOfModel());
        String defaultWorkspace = config.models().defaultWorkspace();
        JavaRDD<InternalRow> cells = ColumnarRows.of(input)
                .mapPartitions(rows -> new HourlyStatsPartition(layout, caps, workspaces, defaultWorkspace, maxCells).aggregate(rows));
        UserDefinedFunction merged = KllMergeAggregator.udaf();
        Dataset<Row> grouped = spark.internalCreateDataFrame(cells.rdd(), HourlyStatsPartition.SCHEMA, false)
                .groupBy(col(WINDOW_START), col(WORKSPACE), col(MODEL_ID), col(MODEL_VERSION), col(LEVEL),
                        col(PREDICTED_CLASS), col(SLICE_KEY), col(SLICE_VALUE))
                .agg(
                        sum(col(NUM_INFERENCES)).as(NUM_INFERENCES),
                        sum(col(NUM_ERRORS)).as(NUM_ERRORS),
                        sum(col(CLASS_COUNT)).as(CLASS_COUNT),
                        sum(col(CONFIDENCE_SUM)).as(CONFIDENCE_SUM),
                        sum(col(CONFIDENCE_COUNT)).as(CONFIDENCE_COUNT),
                        merged.apply(col(CONFIDENCE_SKETCH)).as(CONFIDENCE_SKETCH),
                        sum(col(LATENCY_SUM_MS)).as(LATENCY_SUM_MS),
                        sum(col(LATENCY_COUNT)).as(LATENCY_COUNT),
                        merged.apply(col(LATENCY_SKETCH)).as(LATENCY_SKETCH),
                        union(DEPLOYMENT_TYPES),
                        union(SERVER_VERSIONS));

        return grouped
                .withColumn(WINDOW_END, expr(WINDOW_START + " + INTERVAL 1 HOUR"))
                .withColumn(EVENT_DATE, to_date(col(WINDOW_START)))
                .withColumn(CONFIDENCE_SUM, coalesce(col(CONFIDENCE_SUM), lit(0).cast(Schemas.CONFIDENCE_SUM_TYPE)))
                .withColumn(LATENCY_SUM_MS, coalesce(col(LATENCY_SUM_MS), lit(0).cast(Schemas.LATENCY_SUM_TYPE)))
                .select(schemaColumns());
    }

    /** The sorted distinct values of a column of sorted value sets. */
    private static Column union(String sets) {
        return array_sort(array_distinct(flatten(collect_list(col(sets))))).as(sets);
    }

    /**
     * The segment values that keep their name: per (cap scope, model, segment key), the
     * {@code maxValuesPerKey} values with the most inferences, ties by value. A few hundred rows at
     * most, collected to the driver.
     */
    private static SegmentCaps segmentCaps(Dataset<Row> input, InferenceFacts.Layout layout, MonitoringConfig.Segments segments,
            int maxCounts) {
        if (segments.keys().isEmpty()) {
            return new SegmentCaps(segments.keys(), List.of(), segments.otherValue());
        }
        JavaRDD<InternalRow> counts = ColumnarRows.of(input.select(InferenceFacts.segmentColumns(CAP_SCOPE)))
                .mapPartitions(rows -> SegmentValueCounts.count(rows, layout, maxCounts));
        List<Row> kept = input.sparkSession().internalCreateDataFrame(counts.rdd(), SegmentValueCounts.SCHEMA, false)
                .groupBy(col(CAP_SCOPE), col(MODEL_ID), col(SLICE_KEY), col(SLICE_VALUE))
                .agg(sum(col(SLICE_COUNT)).as(SLICE_COUNT))
                .withColumn("rank", row_number().over(Window.partitionBy(col(CAP_SCOPE), col(MODEL_ID), col(SLICE_KEY))
                        .orderBy(col(SLICE_COUNT).desc(), col(SLICE_VALUE).asc())))
                .filter(col("rank").leq(segments.maxValuesPerKey()))
                .select(col(CAP_SCOPE), col(MODEL_ID), col(SLICE_KEY), col(SLICE_VALUE))
                .collectAsList();
        return new SegmentCaps(segments.keys(), kept, segments.otherValue());
    }

    private static Column[] schemaColumns() {
        return java.util.Arrays.stream(Schemas.INFERENCE_STATS.fields())
                .map(f -> col(f.name()).cast(f.dataType()).as(f.name()))
                .toArray(Column[]::new);
    }
}
