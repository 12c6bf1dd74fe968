package io.monitoring.quality;

import static io.monitoring.model.Columns.*;
import static io.monitoring.quality.QualityColumns.*;
import static org.apache.spark.sql.functions.*;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.ingest.PredictionKinds;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Labelled inferences to "evaluation rows": per-inference flags and terms of every metric family,
 * then one copy per (granularity window, slice) so that every metric is a plain group-by over
 * {@link #GROUP_ID}. Pure functions, no I/O.
 */
public final class QualityRows {
    /**
     * The group key as one long column (null-safe to join on): the 64-bit xxHash of
     * {@link #GROUP_COLUMNS}. Cheap to carry on every copy of a row and to shuffle on, unlike the
     * columns themselves; {@link QualityMetrics} fails the query should two groups ever share one.
     */
    public static final String GROUP_ID = "group_id";
    public static final List<String> GROUP_COLUMNS = List.of(GRANULARITY, WINDOW_START, MODEL_ID, MODEL_VERSION, SLICE_KEY, SLICE_VALUE);

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

    /** Labelled rows with a label lag (every labelled row has one: the actual's time less the event time). */
    static Column laggedRows() {
        return col(HAS_ACTUAL).and(col(LABEL_LAG_SECONDS).isNotNull());
    }

    /** The per-inference flags and metric terms of labelled inference rows, with the columns the metrics read. */
    public static Dataset<Row> prepare(Dataset<Row> labeled, List<Integer> rankingK) {
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
                .withColumn(RankingExpressions.LAB, when(col(IS_RANK), RankingExpressions.relevantItems()))
                .withColumn(RR, when(col(IS_RANK), RankingExpressions.reciprocalRank()))
                .withColumn(IS_DET, coalesce(det, lit(false)))
                .withColumn(PRED_SET, when(col(IS_DET), array_distinct(
                        coalesce(expr("transform(" + PREDICTION_DETECTIONS + ", d -> d." + DETECTION_CLASS + ")"), array().cast("array<string>")))))
                .withColumn(ACT_SET, when(col(IS_DET), array_distinct(col(ACTUAL_CLASSES))));
        for (int k : rankingK) {
            out = out.withColumn(ndcgCol(k), when(col(IS_RANK), RankingExpressions.ndcgAt(k)))
                    .withColumn(apCol(k), when(col(IS_RANK), RankingExpressions.averagePrecisionAt(k)))
                    .withColumn(precisionCol(k), when(col(IS_RANK), RankingExpressions.precisionAt(k)))
                    .withColumn(recallCol(k), when(col(IS_RANK), RankingExpressions.recallAt(k)));
        }
        // only what the metrics read goes on: expand copies every row per window and slice, and the
        // job caches that, so ranked lists, detections, lineage and actual ids would be copied too
        List<Column> kept = new ArrayList<>();
        for (String c : List.of(MODEL_ID, MODEL_VERSION, EVENT_TIME, TAGS, PREDICTION_KIND, PREDICTION_LABEL, PREDICTION_SCORE,
                PREDICTION_CLASS_SCORES, HAS_ACTUAL, ACTUAL_LABEL, ACTUAL_VALUE, LABEL_LAG_SECONDS,
                IS_CLS, IS_SCORED, CORRECT, IS_REG, ERR, IS_RANK, RR, IS_DET, PRED_SET, ACT_SET)) {
            kept.add(col(c));
        }
        for (int k : rankingK) {
            for (String c : List.of(ndcgCol(k), apCol(k), precisionCol(k), recallCol(k))) {
                kept.add(col(c));
            }
        }
        return out.select(kept.toArray(Column[]::new));
    }

    /**
     * One copy of each row per granularity window (granularity, window_start) and per
     * slice: the whole model (slice_key null) and each configured segment key the row has a value
     * for. Per window, model and key only the {@code maxValuesPerKey} most frequent values stay; the
     * others become {@code otherValue}.
     */
    public static Dataset<Row> expand(Dataset<Row> rows, List<String> granularities, MonitoringConfig.Segments segments) {
        List<Column> windows = new ArrayList<>();
        for (String g : granularities) {
            windows.add(struct(lit(g).as(GRANULARITY), date_trunc(g, col(EVENT_TIME)).as(WINDOW_START)));
        }
        List<Column> slices = new ArrayList<>();
        slices.add(struct(lit(null).cast("string").as(SLICE_KEY), lit(null).cast("string").as(SLICE_VALUE)));
        for (String key : segments.keys()) {
            slices.add(struct(lit(key).as(SLICE_KEY), element_at(col(TAGS), key).as(SLICE_VALUE)));
        }
        Dataset<Row> exploded = rows
                .withColumn("w", explode(array(windows.toArray(Column[]::new))))
                .withColumn("s", explode(array(slices.toArray(Column[]::new))))
                .withColumn(GRANULARITY, col("w." + GRANULARITY))
                .withColumn(WINDOW_START, col("w." + WINDOW_START))
                .withColumn(SLICE_KEY, col("s." + SLICE_KEY))
                .withColumn(SLICE_VALUE, col("s." + SLICE_VALUE))
                .drop("w", "s")
                .where(col(SLICE_KEY).isNull().or(col(SLICE_VALUE).isNotNull()));

        // the caps come from the key columns alone (Spark prunes the rest from that branch) and are
        // small, so they are broadcast: the copies are made once and never shuffled
        List<String> valueKey = List.of(GRANULARITY, WINDOW_START, MODEL_ID, SLICE_KEY, SLICE_VALUE);
        Dataset<Row> capped = exploded.where(col(SLICE_KEY).isNotNull())
                .groupBy(valueKey.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
                .agg(count(lit(1)).as("value_count"))
                .withColumn("value_rank", row_number().over(Window.partitionBy(col(GRANULARITY), col(WINDOW_START), col(MODEL_ID), col(SLICE_KEY))
                        .orderBy(col("value_count").desc(), col(SLICE_VALUE))))
                .withColumn("capped_value", when(col("value_rank").leq(segments.maxValuesPerKey()), col(SLICE_VALUE))
                        .otherwise(lit(segments.otherValue())))
                .drop("value_count", "value_rank");
        // a whole-model row (null slice key) matches no cap and keeps its null slice value
        return Joins.using(exploded, broadcast(capped), valueKey, "left")
                .withColumn(SLICE_VALUE, coalesce(col("capped_value"), col(SLICE_VALUE)))
                .drop("capped_value")
                // the windows are set: the event time (a distinct long per row, so stored uncompressed
                // in every cached copy) and the tags are read by no metric
                .drop(TAGS, EVENT_TIME)
                .withColumn(GROUP_ID, groupId(GROUP_COLUMNS));
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
    static Column groupId(List<String> columns) {
        List<Column> hashed = new ArrayList<>();
        Column nullMask = lit(0);
        for (int i = 0; i < columns.size(); i++) {
            hashed.add(col(columns.get(i)));
            nullMask = nullMask.bitwiseOR(when(col(columns.get(i)).isNull(), lit(1 << i)).otherwise(lit(0)));
        }
        hashed.add(nullMask);
        return xxhash64(hashed.toArray(Column[]::new));
    }
}
