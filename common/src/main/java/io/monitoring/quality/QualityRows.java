package io.monitoring.quality;

import static io.monitoring.model.Columns.*;
import static io.monitoring.quality.QualityColumns.*;
import static org.apache.spark.sql.functions.*;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.ingest.PredictionKinds;
import io.monitoring.spark.BoundedPartials;
import io.monitoring.spark.WindowStarts;
import io.monitoring.spark.columnar.ColumnarRows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.expressions.Window;

/**
 * Labelled inferences to "evaluation rows": per-inference flags and terms of every metric family,
 * and the ids of the groups (granularity window and slice) each inference is counted in, so that
 * every metric is a plain group-by over {@link #GROUP_ID} of the rows with their ids exploded.
 * Pure functions, no I/O.
 */
public final class QualityRows {
    /**
     * The group key as one long column (null-safe to join on): the 64-bit xxHash of
     * {@link #GROUP_COLUMNS}. Cheap to carry on every copy of a row and to shuffle on, unlike the
     * columns themselves; {@link QualityMetrics} fails the query should two groups ever share one.
     */
    public static final String GROUP_ID = "group_id";
    public static final List<String> GROUP_COLUMNS = List.of(GRANULARITY, WINDOW_START, MODEL_ID, MODEL_VERSION, SLICE_KEY, SLICE_VALUE);
    /** The {@link #GROUP_ID}s of the groups a row is counted in: see {@link #withGroups}. */
    public static final String GROUP_IDS = "group_ids";
    private static final String CAPPED_VALUE = "capped_value";
    private static final String RAW_VALUE = "raw_value";

    // per-row flags and terms
    static final String IS_CLS = "is_classification";
    static final String IS_SCORED = "is_scored";
    static final String CORRECT = "is_correct";
    static final String IS_REG = "is_regression";
    static final String ERR = "error";
    static final String IS_RANK = "is_ranking";
    static final String RR = "reciprocal_rank";
    static final String IS_DET = "is_detection";
    static final String PRED_SET = "predicted_set";
    static final String ACT_SET = "actual_set";

    private QualityRows() {}

    /**
     * The ranking terms of a row by name, in {@link RankingTerms} order (the reciprocal rank, then
     * per cut-off NDCG, average precision, precision and recall), each read from the row's one
     * {@link RankingExpressions#TERMS} array: null where the row is not ranked. One array, not a
     * column per term, through the shuffle and the cache: each of a dozen columns took a slot in
     * every row, ranked or not.
     */
    static Map<String, Column> rankingTerms(List<Integer> rankingK) {
        Map<String, Column> terms = new LinkedHashMap<>();
        terms.put(RR, RankingExpressions.term(RankingTerms.RECIPROCAL_RANK));
        for (int c = 0; c < rankingK.size(); c++) {
            int k = rankingK.get(c);
            terms.put(ndcgCol(k), RankingExpressions.term(RankingTerms.ndcgIndex(c)));
            terms.put(apCol(k), RankingExpressions.term(RankingTerms.averagePrecisionIndex(c)));
            terms.put(precisionCol(k), RankingExpressions.term(RankingTerms.precisionIndex(c)));
            terms.put(recallCol(k), RankingExpressions.term(RankingTerms.recallIndex(c)));
        }
        return terms;
    }

    static String ndcgCol(int k) {
        return "ndcg_at_" + k;
    }

    static String apCol(int k) {
        return "ap_at_" + k;
    }

    static String precisionCol(int k) {
        return "precision_at_" + k;
    }

    static String recallCol(int k) {
        return "recall_at_" + k;
    }

    /*
     * Filters of the cached evaluation rows for the metric families that read a subset of them. Each
     * is the flag and, where the flag implies it, the prediction kind or a labelled-only column: the
     * flag alone is a boolean the in-memory scan has no statistics for, while an equality on the
     * kind and a not-null test are checked against each cached batch's bounds and null count, so a
     * scan skips the batches of other kinds and of unlabelled rows. Same rows as the flag alone.
     */

    /** Labelled classification rows. */
    static Column classifiedRows() {
        return col(PREDICTION_KIND).equalTo(PredictionKinds.CLASSIFICATION).and(col(HAS_ACTUAL)).and(col(IS_CLS));
    }

    /** Classification rows with a predicted label and a score, labelled or not. */
    static Column scoredRows() {
        return col(PREDICTION_KIND).equalTo(PredictionKinds.CLASSIFICATION).and(col(IS_SCORED));
    }

    /** Labelled detection rows. */
    static Column detectionRows() {
        return col(PREDICTION_KIND).equalTo(PredictionKinds.DETECTION).and(col(HAS_ACTUAL)).and(col(IS_DET));
    }

    /** Evaluated regression rows: labelled, with a predicted and an actual value. */
    static Column regressionRows() {
        return col(PREDICTION_KIND).equalTo(PredictionKinds.REGRESSION).and(col(IS_REG));
    }

    /** Labelled rows with a label lag (every labelled row has one: the actual's time less the event time). */
    static Column laggedRows() {
        return col(HAS_ACTUAL).and(col(LABEL_LAG_SECONDS).isNotNull());
    }

    /**
     * The per-inference flags and metric terms of labelled inference rows, with the columns the
     * metrics read, and, in place of the tags, the value of each segment key ({@link #withGroups}
     * caps them).
     */
    public static Dataset<Row> prepare(Dataset<Row> labeled, List<Integer> rankingK, List<String> segmentKeys) {
        Column kind = col(PREDICTION_KIND);
        Column cls = kind.equalTo(PredictionKinds.CLASSIFICATION).and(col(PREDICTION_LABEL).isNotNull());
        Column labelledCls = cls.and(col(HAS_ACTUAL)).and(col(ACTUAL_LABEL).isNotNull());
        Column reg = kind.equalTo(PredictionKinds.REGRESSION).and(col(PREDICTION_VALUE).isNotNull())
                .and(col(HAS_ACTUAL)).and(col(ACTUAL_VALUE).isNotNull());
        Column rank = kind.equalTo(PredictionKinds.RANKING).and(col(PREDICTION_RANKED_ITEMS).isNotNull())
                .and(col(HAS_ACTUAL)).and(col(ACTUAL_ITEMS).isNotNull());
        Column det = kind.equalTo(PredictionKinds.DETECTION).and(col(HAS_ACTUAL)).and(col(ACTUAL_CLASSES).isNotNull());
        Dataset<Row> out = labeled
                .withColumn(IS_CLS, coalesce(labelledCls, lit(false)))
                .withColumn(IS_SCORED, coalesce(cls.and(col(PREDICTION_SCORE).isNotNull()), lit(false)))
                .withColumn(CORRECT, coalesce(labelledCls.and(col(PREDICTION_LABEL).equalTo(col(ACTUAL_LABEL))), lit(false)))
                .withColumn(IS_REG, coalesce(reg, lit(false)))
                .withColumn(ERR, when(col(IS_REG), col(PREDICTION_VALUE).minus(col(ACTUAL_VALUE))))
                .withColumn(IS_RANK, coalesce(rank, lit(false)))
                .withColumn(RankingExpressions.TERMS, when(col(IS_RANK), RankingExpressions.terms(rankingK)))
                .withColumn(IS_DET, coalesce(det, lit(false)))
                .withColumn(PRED_SET, when(col(IS_DET), array_distinct(
                        coalesce(expr("transform(" + PREDICTION_DETECTIONS + ", d -> d." + DETECTION_CLASS + ")"), array().cast("array<string>")))))
                .withColumn(ACT_SET, when(col(IS_DET), array_distinct(col(ACTUAL_CLASSES))));
        // only what the metrics read goes on: the job shuffles and caches these rows, so ranked
        // lists, detections, lineage and actual ids would be copied too. Of the tags, only the
        // segment keys' values: the whole map was copied out of the scan's column batches for the
        // shuffle, every key and value decoded from its dictionary, to be looked up after it
        List<Column> kept = new ArrayList<>();
        for (int k = 0; k < segmentKeys.size(); k++) {
            kept.add(element_at(col(TAGS), segmentKeys.get(k)).as(rawValueOf(k)));
        }
        for (String c : List.of(MODEL_ID, MODEL_VERSION, EVENT_TIME, PREDICTION_KIND, PREDICTION_LABEL, PREDICTION_SCORE,
                PREDICTION_CLASS_SCORES, HAS_ACTUAL, ACTUAL_LABEL, ACTUAL_VALUE, LABEL_LAG_SECONDS,
                IS_CLS, IS_SCORED, CORRECT, IS_REG, ERR, IS_RANK, RankingExpressions.TERMS, IS_DET, PRED_SET, ACT_SET)) {
            kept.add(col(c));
        }
        return out.select(kept.toArray(Column[]::new));
    }

    /**
     * Per (granularity, window start, model, segment key, value): the value the row is counted
     * under, itself or, beyond the {@code maxValuesPerKey} most frequent values of its window, model
     * and key, {@code otherValue}. From the key columns (model, event time, tags) of the rows.
     */
    public static Dataset<Row> sliceCaps(Dataset<Row> rows, List<String> granularities, MonitoringConfig.Segments segments) {
        SparkSession spark = rows.sparkSession();
        Dataset<Row> counts;
        if (segments.keys().isEmpty()) { // no keys, no caps: an empty result of the same schema, planned without a scan
            counts = spark.createDataFrame(List.of(), SliceValueCounts.SCHEMA);
        } else {
            List<String> windows = List.copyOf(granularities);
            List<String> keys = List.copyOf(segments.keys());
            WindowStarts starts = WindowStarts.of(spark);
            // a Java loop over the key columns (read in place from the scan's column batches): each
            // tag is looked up once per row, where element_at copied every dictionary-encoded tag key
            // it compared
            JavaRDD<InternalRow> partCounts = ColumnarRows.of(rows.select(col(MODEL_ID), col(EVENT_TIME), col(TAGS)))
                    .mapPartitions(part -> SliceValueCounts.count(part, windows, keys, starts, BoundedPartials.MAX_COUNTS_PER_TASK));
            counts = spark.internalCreateDataFrame(partCounts.rdd(), SliceValueCounts.SCHEMA, false);
        }
        return counts.groupBy(GRANULARITY, WINDOW_START, MODEL_ID, SLICE_KEY, SLICE_VALUE)
                .agg(sum(SliceValueCounts.VALUE_COUNT).as(SliceValueCounts.VALUE_COUNT))
                .withColumn("value_rank", row_number().over(Window.partitionBy(col(GRANULARITY), col(WINDOW_START), col(MODEL_ID), col(SLICE_KEY))
                        .orderBy(col(SliceValueCounts.VALUE_COUNT).desc(), col(SLICE_VALUE))))
                .withColumn(CAPPED_VALUE, when(col("value_rank").leq(segments.maxValuesPerKey()), col(SLICE_VALUE))
                        .otherwise(lit(segments.otherValue())))
                .drop(SliceValueCounts.VALUE_COUNT, "value_rank");
    }

    /**
     * The groups each row is counted in, one per granularity window and slice (the whole model, a
     * null slice key, and each configured segment key), as the {@link #GROUP_IDS} array: the same
     * copies for every row, in {@link #copies} order, null where the row has no value for the
     * copy's key. Beside it, each granularity's window start and each (granularity, key)'s capped
     * value ({@code caps}: {@link #sliceCaps}), and the window date. One row per input row: the
     * metric families that read only group ids explode the array ({@link #perGroup}), so the rows
     * are kept once, not once per group. Reads the segment keys' values of {@link #prepare} and
     * drops them and the event time, which no metric reads.
     */
    public static Dataset<Row> withGroups(Dataset<Row> rows, Dataset<Row> caps, List<String> granularities,
            MonitoringConfig.Segments segments) {
        Dataset<Row> out = rows.withColumn(WINDOW_DATE, to_date(col(EVENT_TIME)));
        for (String g : granularities) {
            out = out.withColumn(windowStartOf(g), date_trunc(g, col(EVENT_TIME)));
        }
        for (String g : granularities) {
            for (int k = 0; k < segments.keys().size(); k++) {
                String key = segments.keys().get(k);
                // small (values per window, model and key): broadcast, so the rows are not shuffled to meet them
                Dataset<Row> capsOfKey = caps.where(col(GRANULARITY).equalTo(g).and(col(SLICE_KEY).equalTo(key)))
                        .select(col(WINDOW_START).as(windowStartOf(g)), col(MODEL_ID), col(SLICE_VALUE).as(RAW_VALUE),
                                col(CAPPED_VALUE).as(sliceValueOf(g, k)));
                out = Joins.using(out.withColumn(RAW_VALUE, col(rawValueOf(k))), broadcast(capsOfKey),
                        List.of(windowStartOf(g), MODEL_ID, RAW_VALUE), "left").drop(RAW_VALUE);
            }
        }
        List<Column> ids = new ArrayList<>();
        for (Copy c : copiesOf(granularities, segments)) {
            Column id = groupId(List.of(lit(c.granularity()), col(windowStartOf(c.granularity())), col(MODEL_ID), col(MODEL_VERSION),
                    c.key(), c.value()));
            ids.add(c.keyIndex() < 0 ? id : when(c.value().isNotNull(), id));
        }
        List<String> dropped = new ArrayList<>(List.of(EVENT_TIME));
        for (int k = 0; k < segments.keys().size(); k++) {
            dropped.add(rawValueOf(k));
        }
        return out.withColumn(GROUP_IDS, array(ids.toArray(Column[]::new))).drop(dropped.toArray(String[]::new));
    }

    /**
     * One row per row of {@link #withGroups} and group it is counted in, with that group's columns
     * ({@link #GROUP_COLUMNS} but the model's, and {@link #GROUP_ID}) in place of the per-granularity
     * and per-key ones.
     */
    public static Dataset<Row> copies(Dataset<Row> rows, List<String> granularities, MonitoringConfig.Segments segments) {
        List<Copy> copies = copiesOf(granularities, segments);
        List<Column> structs = new ArrayList<>();
        for (int i = 0; i < copies.size(); i++) {
            Copy c = copies.get(i);
            structs.add(struct(lit(c.granularity()).as(GRANULARITY), col(windowStartOf(c.granularity())).as(WINDOW_START),
                    c.key().as(SLICE_KEY), c.value().as(SLICE_VALUE), element_at(col(GROUP_IDS), i + 1).as(GROUP_ID)));
        }
        List<String> perCopy = new ArrayList<>(cellColumns(granularities, segments));
        perCopy.removeAll(List.of(MODEL_ID, MODEL_VERSION));
        Dataset<Row> exploded = rows.withColumn("copy", explode(array(structs.toArray(Column[]::new))))
                .where(col("copy." + GROUP_ID).isNotNull());
        for (String field : List.of(GRANULARITY, WINDOW_START, SLICE_KEY, SLICE_VALUE, GROUP_ID)) {
            exploded = exploded.withColumn(field, col("copy." + field));
        }
        return exploded.drop("copy").drop(perCopy.toArray(String[]::new));
    }

    /**
     * The columns of {@link #withGroups} rows that {@link #copies} reads: rows equal in all of them
     * are counted in the same groups (a cell).
     */
    static List<String> cellColumns(List<String> granularities, MonitoringConfig.Segments segments) {
        List<String> columns = new ArrayList<>(List.of(GROUP_IDS, MODEL_ID, MODEL_VERSION));
        for (String g : granularities) {
            columns.add(windowStartOf(g));
            for (int k = 0; k < segments.keys().size(); k++) {
                columns.add(sliceValueOf(g, k));
            }
        }
        return columns;
    }

    /** {@code columns} of {@link #withGroups} rows, once per group each row is counted in, with its {@link #GROUP_ID}. */
    static Dataset<Row> perGroup(Dataset<Row> rows, String... columns) {
        List<Column> selected = new ArrayList<>();
        selected.add(explode(col(GROUP_IDS)).as(GROUP_ID));
        for (String c : columns) {
            selected.add(col(c));
        }
        return rows.select(selected.toArray(Column[]::new)).where(col(GROUP_ID).isNotNull());
    }

    /** A (granularity window, slice) every row has a copy for; {@code keyIndex} -1 for the whole model. */
    private record Copy(String granularity, int keyIndex, Column key, Column value) {}

    private static List<Copy> copiesOf(List<String> granularities, MonitoringConfig.Segments segments) {
        List<Copy> copies = new ArrayList<>();
        Column nullString = lit(null).cast("string");
        for (String g : granularities) {
            copies.add(new Copy(g, -1, nullString, nullString));
            for (int k = 0; k < segments.keys().size(); k++) {
                copies.add(new Copy(g, k, lit(segments.keys().get(k)), col(sliceValueOf(g, k))));
            }
        }
        return copies;
    }

    /** The value of the row's tag of the segment key at {@code keyIndex} (null without it), before capping. */
    private static String rawValueOf(int keyIndex) {
        return RAW_VALUE + "_" + keyIndex;
    }

    private static String windowStartOf(String granularity) {
        return WINDOW_START + "_" + granularity;
    }

    private static String sliceValueOf(String granularity, int keyIndex) {
        return SLICE_VALUE + "_" + granularity + "_" + keyIndex;
    }

    /** The end of a row's or group's window: its start plus one of its granularity (one of {@code granularities}). */
    static Column windowEnd(List<String> granularities) {
        Column end = lit(null).cast("timestamp");
        for (String g : granularities) {
            end = when(col(GRANULARITY).equalTo(g), col(WINDOW_START).plus(expr("INTERVAL 1 " + g.toUpperCase(java.util.Locale.ROOT))))
                    .otherwise(end);
        }
        return end;
    }

    /** The UTC date a row's or group's window starts on: its {@code window_date}. */
    static Column windowDate() {
        return to_date(col(WINDOW_START));
    }

    /**
     * The 64-bit xxHash of the columns and of which of them are null: Spark's hash skips a null
     * value, so without the null mask (x, null) and (null, x) would share an id.
     */
    static Column groupId(List<Column> columns) {
        List<Column> hashed = new ArrayList<>(columns);
        Column nullMask = lit(0);
        for (int i = 0; i < columns.size(); i++) {
            nullMask = nullMask.bitwiseOR(when(columns.get(i).isNull(), lit(1 << i)).otherwise(lit(0)));
        }
        hashed.add(nullMask);
        return xxhash64(hashed.toArray(Column[]::new));
    }
}
