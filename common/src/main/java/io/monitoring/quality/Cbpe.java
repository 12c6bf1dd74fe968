package io.monitoring.quality;

import static io.monitoring.model.Columns.*;
import static io.monitoring.quality.QualityColumns.*;
import static org.apache.spark.sql.functions.*;

import io.monitoring.config.QualitySettings;
import io.monitoring.spark.CachedParts;
import io.monitoring.spark.Plans;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Confidence-based performance estimation (after NannyML's CBPE) for classifiers, in Spark.
 *
 * <p>The score of the predicted label is calibrated on a labelled reference period with
 * histogram binning: equal-width score bins, each mapped to the share of its reference
 * predictions that were right (bins with too few reference rows keep the raw score). For a row
 * with calibrated probability q of being right, the expected confusion counts are: TP of the
 * predicted class += q, FP += 1 - q, and the expected miss 1 - q goes to the other classes as FN in
 * the proportions the reference's errors of that predicted class had (for a binary model: all to
 * the other class). Estimated accuracy = sum(q) / n; estimated precision, recall and F1 per class
 * come from the expected counts; macro values average them over the classes.
 *
 * <p>The reference of a day D is the labelled classification inferences with event_date in
 * [D - offset - length, D - offset), per model (all versions). Hour windows use their day's
 * reference. No estimate when the reference has fewer than the configured minimum of labels.
 */
final class Cbpe {
    static final String TARGET_DAY = "target_day";
    private static final String BIN = "score_bin";
    private static final String SCORE_SUM = "score_sum";
    /** The sum of the calibrated probabilities q of being right. */
    private static final String Q_SUM = "sum_q";

    private Cbpe() {}

    private static Column bin(int bins) {
        return least(greatest(floor(col(PREDICTION_SCORE).multiply(bins)), lit(0L)), lit((long) bins - 1));
    }

    /**
     * Reference rows (labelled inferences; filtered here) joined to the days they calibrate:
     * (target_day, model_id, prediction_label, actual_label, score_bin, correct).
     */
    private static Dataset<Row> referenceByDay(Dataset<Row> reference, Dataset<Row> targetDays, QualitySettings.Cbpe cbpe) {
        long offsetDays = cbpe.referenceOffset().toDays();
        long lengthDays = Math.max(1, cbpe.referenceLength().toDays());
        Dataset<Row> ref = reference
                .where(col(HAS_ACTUAL).and(col(PREDICTION_KIND).equalTo("classification"))
                        .and(col(PREDICTION_LABEL).isNotNull()).and(col(ACTUAL_LABEL).isNotNull()).and(col(PREDICTION_SCORE).isNotNull()))
                .select(col(EVENT_DATE), col(MODEL_ID), col(PREDICTION_LABEL), col(ACTUAL_LABEL), col(PREDICTION_SCORE));
        Column from = date_sub(col("d." + TARGET_DAY), (int) (offsetDays + lengthDays));
        Column until = date_sub(col("d." + TARGET_DAY), (int) offsetDays);
        return ref.alias("r").join(broadcast(targetDays.alias("d")),
                        col("r." + EVENT_DATE).geq(from).and(col("r." + EVENT_DATE).lt(until)))
                .select(col("d." + TARGET_DAY).as(TARGET_DAY), col("r." + MODEL_ID).as(MODEL_ID),
                        col("r." + PREDICTION_LABEL).as(PREDICTION_LABEL), col("r." + ACTUAL_LABEL).as(ACTUAL_LABEL),
                        bin(cbpe.calibrationBins()).as(BIN),
                        col("r." + PREDICTION_LABEL).equalTo(col("r." + ACTUAL_LABEL)).as("correct"));
    }

    /**
     * Estimates per group: (group_id, estimated_accuracy, estimated_macro_precision,
     * estimated_macro_recall, estimated_macro_f1, cbpe_reference_labels) and per class:
     * (group_id, class_name, estimated_precision, estimated_recall, estimated_f1).
     *
     * @param scored evaluation rows with a predicted label and a score (labelled or not), one per
     *     inference with the ids of its groups ({@link QualityRows#withGroups})
     * @param windowDates (window_date): at least the window dates of {@code scored}, any more are
     *     ignored; small, and taken apart from the scored rows because it is read by every
     *     reference aggregate and would otherwise be a scan of all of them each time
     * @param parts where the per-predicted-class sums and the per-class estimates are kept (each is read more than once)
     */
    static Estimates estimate(Dataset<Row> scored, Dataset<Row> windowDates, Dataset<Row> reference, QualitySettings.Cbpe cbpe,
            CachedParts parts) {
        // counted per cell (rows in the same groups, day, model, predicted label and score bin), so
        // the rows are read once, then the cells once per group; every window (an hour or the
        // day) lies in its rows' event date, the day its reference calibrates
        Dataset<Row> cells = Plans.detached(scored
                .groupBy(col(QualityRows.GROUP_IDS), col(WINDOW_DATE).as(TARGET_DAY), col(MODEL_ID), col(PREDICTION_LABEL),
                        bin(cbpe.calibrationBins()).as(BIN))
                .agg(count(lit(1)).as("n"), sum(least(greatest(col(PREDICTION_SCORE), lit(0.0)), lit(1.0))).as(SCORE_SUM)));
        Dataset<Row> targets = QualityRows.perGroup(cells, TARGET_DAY, MODEL_ID, PREDICTION_LABEL, BIN, "n", SCORE_SUM);
        Dataset<Row> targetDays = windowDates.select(col(WINDOW_DATE).as(TARGET_DAY)).distinct();
        Dataset<Row> ref = referenceByDay(reference, targetDays, cbpe);

        Dataset<Row> size = ref.groupBy(TARGET_DAY, MODEL_ID).agg(count(lit(1)).as(CBPE_REFERENCE_LABELS))
                .where(col(CBPE_REFERENCE_LABELS).geq(cbpe.minReferenceLabels()));
        Dataset<Row> calibration = ref.groupBy(TARGET_DAY, MODEL_ID, BIN)
                .agg(count(lit(1)).as("bin_n"), sum(when(col("correct"), 1L).otherwise(0L)).as("bin_correct"));
        Dataset<Row> errors = ref.where(not(col("correct"))).groupBy(TARGET_DAY, MODEL_ID, PREDICTION_LABEL, ACTUAL_LABEL)
                .agg(count(lit(1)).as("n_err"));
        Dataset<Row> routing = errors.withColumn("share", col("n_err").divide(sum(col("n_err")).over(
                org.apache.spark.sql.expressions.Window.partitionBy(col(TARGET_DAY), col(MODEL_ID), col(PREDICTION_LABEL)))));

        // both per (day, model[, bin]) of the reference: broadcast, so the cells are not shuffled to meet them;
        // a row's q is its bin's share of right predictions, or its own score where the bin has too few rows
        Dataset<Row> calibrated = Joins.using(Joins.using(targets, broadcast(size), List.of(TARGET_DAY, MODEL_ID), "inner"),
                        broadcast(calibration), List.of(TARGET_DAY, MODEL_ID, BIN), "left")
                .withColumn(Q_SUM, when(coalesce(col("bin_n"), lit(0L)).geq(cbpe.minBinCount()),
                                col("bin_correct").multiply(col("n")).divide(col("bin_n")))
                        .otherwise(col(SCORE_SUM)));
        Dataset<Row> byPredicted = parts.keep(calibrated.groupBy(QualityRows.GROUP_ID, TARGET_DAY, MODEL_ID, PREDICTION_LABEL)
                .agg(sum(col("n")).as("n"), sum(col(Q_SUM)).as(Q_SUM), max(col(CBPE_REFERENCE_LABELS)).as(CBPE_REFERENCE_LABELS)));

        Dataset<Row> tp = byPredicted.select(col(QualityRows.GROUP_ID), col(PREDICTION_LABEL).as(CLASS_NAME),
                col(Q_SUM).as("e_tp"), col("n").minus(col(Q_SUM)).as("e_fp"));
        Dataset<Row> fn = Joins.using(byPredicted, routing, List.of(TARGET_DAY, MODEL_ID, PREDICTION_LABEL), "inner")
                .groupBy(col(QualityRows.GROUP_ID), col(ACTUAL_LABEL).as(CLASS_NAME))
                .agg(sum(col("n").minus(col(Q_SUM)).multiply(col("share"))).as("e_fn"));
        Column eTp = coalesce(col("e_tp"), lit(0.0));
        Column eFp = coalesce(col("e_fp"), lit(0.0));
        Column eFn = coalesce(col("e_fn"), lit(0.0));
        Column precision = when(eTp.plus(eFp).gt(0), eTp.divide(eTp.plus(eFp))).otherwise(lit(0.0));
        Column recall = when(eTp.plus(eFn).gt(0), eTp.divide(eTp.plus(eFn))).otherwise(lit(0.0));
        Dataset<Row> perClass = parts.keep(Joins.using(tp, fn, List.of(QualityRows.GROUP_ID, CLASS_NAME), "full_outer")
                .select(col(QualityRows.GROUP_ID), col(CLASS_NAME), precision.as(ESTIMATED_PRECISION), recall.as(ESTIMATED_RECALL))
                .withColumn(ESTIMATED_F1, f1(col(ESTIMATED_PRECISION), col(ESTIMATED_RECALL))));
        Dataset<Row> macro = perClass.groupBy(QualityRows.GROUP_ID).agg(
                avg(ESTIMATED_PRECISION).as(ESTIMATED_MACRO_PRECISION),
                avg(ESTIMATED_RECALL).as(ESTIMATED_MACRO_RECALL),
                avg(ESTIMATED_F1).as(ESTIMATED_MACRO_F1));
        Dataset<Row> accuracy = byPredicted.groupBy(QualityRows.GROUP_ID).agg(
                sum(Q_SUM).divide(sum("n")).as(ESTIMATED_ACCURACY), max(CBPE_REFERENCE_LABELS).as(CBPE_REFERENCE_LABELS));
        return new Estimates(Joins.using(accuracy, macro, List.of(QualityRows.GROUP_ID), "left"), perClass);
    }

    static Column f1(Column precision, Column recall) {
        return when(precision.plus(recall).gt(0), precision.multiply(recall).multiply(2.0).divide(precision.plus(recall))).otherwise(lit(0.0));
    }

    record Estimates(Dataset<Row> perGroup, Dataset<Row> perClass) {}
}
