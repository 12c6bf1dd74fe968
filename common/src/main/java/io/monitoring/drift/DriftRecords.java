package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.*;
import static org.apache.spark.sql.functions.col;

import io.monitoring.model.Columns;
import io.monitoring.quality.QualityColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * What the drift bins and profiles read of one set of inferences, in two parts: {@code predictions}
 * (side, model_id, model_version, tags, the feature maps and the prediction of every inference) and
 * {@code actuals} (side, model_id, model_version, tags and the actual's kind, label and value of
 * each inference that has one; null when there is no actuals table). The actuals are the labelled
 * rows of {@code labeled_inferences} for the same inferences: narrow rows read apart from the wide
 * feature rows, so neither is shuffled. An inference without an actual adds nothing to the
 * {@code __actual__} column.
 */
public record DriftRecords(Dataset<Row> predictions, Dataset<Row> actuals) {
    private static final List<String> RECORD = List.of(SIDE, MODEL_ID, MODEL_VERSION, Columns.TAGS);

    /**
     * @param inferences inference rows with a {@code side} column
     * @param labeled rows of {@code labeled_inferences} (or of the same join) for the same
     *     inferences, with the same {@code side} and {@code model_version}; only those with
     *     {@code has_actual} count; null: no actuals
     */
    public static DriftRecords of(Dataset<Row> inferences, Dataset<Row> labeled) {
        List<String> predictionColumns = new ArrayList<>(RECORD);
        predictionColumns.addAll(List.of(Columns.NUMERIC_FEATURES, Columns.CATEGORICAL_FEATURES, Columns.EMBEDDING_FEATURES,
                Columns.PREDICTION_KIND, Columns.PREDICTION_LABEL, Columns.PREDICTION_VALUE, Columns.PREDICTION_SCORE));
        Dataset<Row> actuals = null;
        if (labeled != null) {
            List<String> actualColumns = new ArrayList<>(RECORD);
            actualColumns.addAll(List.of(ACTUAL_KIND, ACTUAL_LABEL, ACTUAL_VALUE));
            actuals = labeled.where(col(QualityColumns.HAS_ACTUAL)).select(columns(actualColumns));
        }
        return new DriftRecords(inferences.select(columns(predictionColumns)), actuals);
    }

    /** Both parts narrowed by {@code condition} over side, model_id, model_version or tags. */
    public DriftRecords where(Column condition) {
        return new DriftRecords(predictions.where(condition), actuals == null ? null : actuals.where(condition));
    }

    /**
     * Both parts persisted, for several passes over the same records. The predictions are cached
     * too, though a scan's passes could read its column batches in place
     * ({@link io.monitoring.spark.columnar.ColumnarRows}): a reference is a filter that keeps few
     * of the rows its scan decodes (60,000 training records of the 540,000 rows read, in the 1M
     * bench), and the cache decodes them once, where reading in place decodes them every pass.
     */
    public DriftRecords persist(StorageLevel level) {
        return new DriftRecords(predictions.persist(level), actuals == null ? null : actuals.persist(level));
    }

    public void unpersist() {
        predictions.unpersist();
        if (actuals != null) {
            actuals.unpersist();
        }
    }

    /** The parts that exist. */
    List<Dataset<Row>> parts() {
        return actuals == null ? List.of(predictions) : List.of(predictions, actuals);
    }

    private static Column[] columns(List<String> names) {
        return names.stream().map(n -> col(n)).toArray(Column[]::new);
    }
}
