package io.monitoring.quality;

import static io.monitoring.model.Columns.*;
import static io.monitoring.quality.QualityColumns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Score-based classification metrics, exact: one-vs-rest ROC AUC and PR AUC per group and class,
 * and the log-loss sums per group.
 *
 * <p>Method: each labelled classification row becomes one row per class of its groups, with its
 * probability of that class and the ids of the groups that have the class; those rows are sorted
 * by probability, descending, within partitions by model and class, and one sweep
 * ({@link CurveSweep}) adds them to the curve of every group they are in. So a row counted in eight
 * groups (hour and day, the whole model and three segment keys) is sorted once, not eight times.
 * Exactly what MLlib's BinaryClassificationMetrics does without down-sampling ({@code numBins =
 * 0}): ties share one point, PR starts at (recall 0, precision of the first point).
 */
final class ScoreCurves {
    static final String LOSS_SUM = "log_loss_sum";
    static final String LOSS_ROWS = "log_loss_rows";
    private static final String P = "probability";
    private static final String POSITIVE = "is_positive";

    private static final StructType CLASS_ROW = new StructType()
            .add(MODEL_ID, DataTypes.StringType)
            .add(CLASS_NAME, DataTypes.StringType)
            .add(P, DataTypes.DoubleType, false)
            .add(POSITIVE, DataTypes.BooleanType, false)
            .add(QualityRows.GROUP_IDS, DataTypes.createArrayType(DataTypes.LongType, false));
    private static final StructType CURVE = new StructType()
            .add(QualityRows.GROUP_ID, DataTypes.LongType, false)
            .add(CLASS_NAME, DataTypes.StringType)
            .add(ROC_AUC, DataTypes.DoubleType)
            .add(PR_AUC, DataTypes.DoubleType)
            .add(LOSS_SUM, DataTypes.DoubleType, false)
            .add(LOSS_ROWS, DataTypes.LongType, false);

    private ScoreCurves() {}

    /**
     * (group_id, class_name, roc_auc, pr_auc, log_loss_sum, log_loss_rows) of labelled
     * classification evaluation rows; the areas null where a class has no positives or no negatives.
     *
     * @param classesOfGroup the classes of each group (actual or predicted in it): a row has a curve point for each
     * @param partitions how many partitions the rows are sorted in
     */
    static Dataset<Row> curves(Dataset<Row> classifiedRows, Map<Long, List<String>> classesOfGroup, int partitions) {
        Dataset<Row> classRows = classifiedRows
                .select(MODEL_ID, QualityRows.GROUP_IDS, PREDICTION_LABEL, PREDICTION_SCORE, PREDICTION_CLASS_SCORES, ACTUAL_LABEL)
                .flatMap(new ClassRows(classesOfGroup), Encoders.row(CLASS_ROW));
        return classRows.repartition(partitions, col(MODEL_ID), col(CLASS_NAME))
                .sortWithinPartitions(col(P).desc())
                .mapPartitions((MapPartitionsFunction<Row, Row>) ScoreCurves::sweep, Encoders.row(CURVE));
    }

    /** (group_id, log_loss_sum, log_loss_rows) of {@link #curves}: over the classes of each group. */
    static Dataset<Row> logLoss(Dataset<Row> curves) {
        return curves.groupBy(col(QualityRows.GROUP_ID)).agg(sum(col(LOSS_SUM)).as(LOSS_SUM), sum(col(LOSS_ROWS)).as(LOSS_ROWS));
    }

    private static Iterator<Row> sweep(Iterator<Row> rows) {
        CurveSweep sweep = new CurveSweep();
        while (rows.hasNext()) {
            Row r = rows.next();
            List<Long> ids = r.getList(4);
            long[] groupIds = new long[ids.size()];
            for (int i = 0; i < groupIds.length; i++) {
                groupIds[i] = ids.get(i);
            }
            sweep.add(r.getDouble(2), r.getBoolean(3), r.getString(1), groupIds);
        }
        List<Row> out = new ArrayList<>();
        for (CurveSweep.Result c : sweep.results()) {
            out.add(RowFactory.create(c.groupId(), c.className(), c.rocAuc(), c.prAuc(), c.lossSum(), c.lossRows()));
        }
        return out.iterator();
    }

    /**
     * A labelled classification row's probability of each class of its groups, with the groups
     * that have the class: from the class-score map when the prediction has one (a missing class
     * is 0); else, in a two-class group, the score of the predicted label and one minus it for the
     * other class. A class the row has no probability of in any of its groups gives no row.
     */
    private record ClassRows(Map<Long, List<String>> classesOfGroup) implements FlatMapFunction<Row, Row>, Serializable {
        @Override
        public Iterator<Row> call(Row r) {
            String label = r.getString(2);
            Double score = r.isNullAt(3) ? null : r.getDouble(3);
            Map<String, Double> scores = r.isNullAt(4) ? null : r.getJavaMap(4);
            String actual = r.getString(5);
            Map<String, List<Long>> groupsOfClass = new LinkedHashMap<>();
            Map<String, Double> probabilityOf = new HashMap<>();
            for (Long groupId : r.<Long>getList(1)) {
                List<String> classes = groupId == null ? null : classesOfGroup.get(groupId);
                if (classes == null) {
                    continue;
                }
                for (String c : classes) {
                    Double p = scores != null ? Objects.requireNonNullElse(scores.get(c), 0.0)
                            : classes.size() == 2 && score != null ? (c.equals(label) ? score : 1.0 - score) : null;
                    if (p != null) {
                        probabilityOf.put(c, p);
                        groupsOfClass.computeIfAbsent(c, k -> new ArrayList<>()).add(groupId);
                    }
                }
            }
            List<Row> out = new ArrayList<>(groupsOfClass.size());
            groupsOfClass.forEach((c, groups) -> out.add(RowFactory.create(r.getString(0), c, probabilityOf.get(c), c.equals(actual),
                    groups.toArray(new Long[0]))));
            return out.iterator();
        }
    }
}
