package io.monitoring.quality;

import static io.monitoring.model.Columns.*;
import static io.monitoring.quality.QualityColumns.*;
import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Score-based classification metrics, exact: one-vs-rest ROC AUC and PR AUC per class, and log loss.
 *
 * <p>Method: per group and class, the labelled rows are reduced to (score, positives, negatives)
 * per distinct score, then ordered by score descending within the (group, class) partition; the
 * running sums give one ROC/PR point per distinct threshold and the trapezoid rule integrates them.
 * This is exactly what MLlib's BinaryClassificationMetrics does without down-sampling
 * ({@code numBins = 0}): ties share one point, PR starts at (recall 0, precision of the first
 * point). Cost: a sort of the distinct scores within each group, no collect.
 */
final class ScoreCurves {
    static final String P = "probability";
    static final String POSITIVE = "is_positive";
    static final String LOSS_SUM = "log_loss_sum";
    static final String LOSS_ROWS = "log_loss_rows";
    /** MLlib's default clipping of probabilities in log loss. */
    static final double EPS = 1e-15;

    private ScoreCurves() {}

    /**
     * Probability of each class of the group for each labelled classification row: from the
     * class-score map when the prediction has one (a missing class is 0), else, for a two-class
     * group, the score of the predicted label and one minus it for the other class. Rows without
     * either get no probability.
     */
    static Dataset<Row> classProbabilities(Dataset<Row> clsRows, Dataset<Row> groupClasses) {
        Column fromMap = coalesce(element_at(col(PREDICTION_CLASS_SCORES), col(CLASS_NAME)), lit(0.0));
        Column fromScore = when(size(col("classes")).equalTo(2).and(col(PREDICTION_SCORE).isNotNull()),
                when(col(PREDICTION_LABEL).equalTo(col(CLASS_NAME)), col(PREDICTION_SCORE)).otherwise(lit(1.0).minus(col(PREDICTION_SCORE))));
        return Joins.using(clsRows.select(QualityRows.GROUP_ID, PREDICTION_LABEL, PREDICTION_SCORE, PREDICTION_CLASS_SCORES, ACTUAL_LABEL),
                        groupClasses, java.util.List.of(QualityRows.GROUP_ID), "inner")
                .withColumn(CLASS_NAME, explode(col("classes")))
                .withColumn(P, when(col(PREDICTION_CLASS_SCORES).isNotNull(), fromMap).otherwise(fromScore))
                .where(col(P).isNotNull())
                .select(col(QualityRows.GROUP_ID), col(CLASS_NAME), col(P), col(ACTUAL_LABEL).equalTo(col(CLASS_NAME)).as(POSITIVE));
    }

    /**
     * (group_id, class_name, probability, pos, neg): the labelled rows per distinct probability of
     * each class, the input of {@link #areas} and {@link #logLoss}.
     */
    static Dataset<Row> points(Dataset<Row> probabilities) {
        return probabilities.groupBy(col(QualityRows.GROUP_ID), col(CLASS_NAME), col(P))
                .agg(sum(when(col(POSITIVE), 1L).otherwise(0L)).as("pos"), sum(when(col(POSITIVE), 0L).otherwise(1L)).as("neg"));
    }

    /** (group_id, class_name, roc_auc, pr_auc) from {@link #points}; null where a class has no positives or no negatives. */
    static Dataset<Row> areas(Dataset<Row> points) {
        WindowSpec byClass = Window.partitionBy(col(QualityRows.GROUP_ID), col(CLASS_NAME));
        WindowSpec descending = byClass.orderBy(col(P).desc());
        Dataset<Row> curve = points
                .withColumn("tp", sum(col("pos")).over(descending.rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
                .withColumn("fp", sum(col("neg")).over(descending.rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
                .withColumn("total_pos", sum(col("pos")).over(byClass))
                .withColumn("total_neg", sum(col("neg")).over(byClass))
                .withColumn("prev_tp", coalesce(lag(col("tp"), 1).over(descending), lit(0L)))
                .withColumn("prev_fp", coalesce(lag(col("fp"), 1).over(descending), lit(0L)))
                .withColumn("precision", col("tp").divide(col("tp").plus(col("fp"))))
                .withColumn("prev_precision", coalesce(lag(col("precision"), 1).over(descending), col("precision")));
        Column rocArea = col("fp").minus(col("prev_fp")).multiply(col("tp").plus(col("prev_tp"))).divide(2.0);
        Column prArea = col("tp").minus(col("prev_tp")).multiply(col("precision").plus(col("prev_precision"))).divide(2.0);
        return curve.groupBy(col(QualityRows.GROUP_ID), col(CLASS_NAME))
                .agg(sum(rocArea).as("roc_sum"), sum(prArea).as("pr_sum"), max(col("total_pos")).as("tp_total"), max(col("total_neg")).as("tn_total"))
                .select(col(QualityRows.GROUP_ID), col(CLASS_NAME),
                        when(col("tp_total").gt(0).and(col("tn_total").gt(0)), col("roc_sum").divide(col("tp_total").multiply(col("tn_total")))).as(ROC_AUC),
                        when(col("tp_total").gt(0).and(col("tn_total").gt(0)), col("pr_sum").divide(col("tp_total"))).as(PR_AUC));
    }

    /**
     * (group_id, log_loss_sum, log_loss_rows) from {@link #points}: -ln of the actual class's
     * clipped probability (as MLlib clips it), once per labelled row, so a point counts its positives.
     */
    static Dataset<Row> logLoss(Dataset<Row> points) {
        Column loss = when(col(P).lt(EPS), lit(-Math.log(EPS)))
                .when(col(P).gt(1 - EPS), lit(-Math.log1p(-EPS)))
                .otherwise(negate(log(col(P))));
        return points.where(col("pos").gt(0)).groupBy(col(QualityRows.GROUP_ID))
                .agg(sum(loss.multiply(col("pos"))).as(LOSS_SUM), sum(col("pos")).as(LOSS_ROWS));
    }
}
