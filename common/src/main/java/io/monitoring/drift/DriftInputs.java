package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.*;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.monitoring.ingest.PredictionKinds;
import io.monitoring.model.Columns;
import io.monitoring.spark.SqlLiterals;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Inference rows to the long form every drift aggregation groups: one row per record, slice
 * (the whole model plus one per configured segment key present) and column (each feature,
 * embedding dimension, the prediction and the actual). Pure Dataset functions, no I/O.
 */
public final class DriftInputs {
    private static final String SLICE = "slice";
    private static final String VALUE = "value";
    private static final String KEPT = "kept";

    private DriftInputs() {}

    /** The latest actual of each inference (by actual_time): (model_id, inference_id, actual_kind, actual_label, actual_value). */
    public static Dataset<Row> latestActuals(Dataset<Row> actuals) {
        return actuals.groupBy(col(Columns.MODEL_ID), col(Columns.INFERENCE_ID))
                .agg(max_by(struct(col(Columns.ACTUAL_KIND), col(Columns.ACTUAL_LABEL), col(Columns.ACTUAL_VALUE)),
                        col(Columns.ACTUAL_TIME)).as("a"))
                .select(col(Columns.MODEL_ID), col(Columns.INFERENCE_ID), col("a." + Columns.ACTUAL_KIND).as(ACTUAL_KIND),
                        col("a." + Columns.ACTUAL_LABEL).as(ACTUAL_LABEL), col("a." + Columns.ACTUAL_VALUE).as(ACTUAL_VALUE));
    }

    /** Inferences with their latest actual's columns (null when none has arrived). */
    public static Dataset<Row> withActuals(Dataset<Row> inferences, Dataset<Row> latestActuals) {
        return inferences.join(latestActuals, scala.collection.JavaConverters.asScalaBuffer(
                List.of(Columns.MODEL_ID, Columns.INFERENCE_ID)).toSeq(), "left");
    }

    /**
     * The {@code max} most frequent values of each segment key per model: (model_id, slice_key,
     * slice_value). Values outside it become the other-value, so slices stay bounded.
     */
    public static Dataset<Row> topSliceValues(Dataset<Row> inferences, List<String> sliceKeys, int max) {
        if (sliceKeys.isEmpty()) {
            return inferences.sparkSession().emptyDataFrame()
                    .select(lit(null).cast("string").as(MODEL_ID), lit(null).cast("string").as(SLICE_KEY),
                            lit(null).cast("string").as(SLICE_VALUE)).limit(0);
        }
        Dataset<Row> counts = inferences
                .select(col(MODEL_ID), explode(slices(sliceKeys, false)).as(SLICE))
                .groupBy(col(MODEL_ID), col(SLICE + "." + SLICE_KEY).as(SLICE_KEY), col(SLICE + "." + SLICE_VALUE).as(SLICE_VALUE))
                .agg(count(lit(1)).as(N));
        return counts
                .withColumn("rank", row_number().over(Window.partitionBy(MODEL_ID, SLICE_KEY)
                        .orderBy(col(N).desc(), col(SLICE_VALUE))))
                .where(col("rank").leq(max))
                .select(MODEL_ID, SLICE_KEY, SLICE_VALUE);
    }

    /**
     * The long form: side, model_id, model_version, slice_key, slice_value, column_name,
     * column_type, num, cat, dim. {@code side} must already be a column of {@code rows};
     * actual columns are used when present. {@code keptSliceValues} (from
     * {@link #topSliceValues}) caps the segment values; the rest become {@code otherValue}.
     */
    public static Dataset<Row> values(Dataset<Row> rows, List<String> sliceKeys, Dataset<Row> keptSliceValues, String otherValue) {
        boolean hasActuals = List.of(rows.columns()).contains(ACTUAL_KIND);
        Dataset<Row> sliced = rows
                .select(col(SIDE), col(MODEL_ID), col(MODEL_VERSION), explode(slices(sliceKeys, true)).as(SLICE),
                        features(hasActuals).as("features"))
                .select(col(SIDE), col(MODEL_ID), col(MODEL_VERSION), col(SLICE + "." + SLICE_KEY).as(SLICE_KEY),
                        col(SLICE + "." + SLICE_VALUE).as(SLICE_VALUE), col("features"));
        if (!sliceKeys.isEmpty()) {
            Dataset<Row> kept = keptSliceValues.select(col(MODEL_ID).as("k_model"), col(SLICE_KEY).as("k_key"),
                    col(SLICE_VALUE).as("k_value"), lit(true).as(KEPT));
            sliced = sliced.join(broadcast(kept), col(MODEL_ID).equalTo(col("k_model"))
                            .and(col(SLICE_KEY).equalTo(col("k_key"))).and(col(SLICE_VALUE).equalTo(col("k_value"))), "left")
                    .withColumn(SLICE_VALUE, when(col(SLICE_KEY).isNull(), lit(null).cast("string"))
                            .when(col(KEPT).isNotNull(), col(SLICE_VALUE)).otherwise(lit(otherValue)))
                    .drop("k_model", "k_key", "k_value", KEPT);
        }
        return sliced
                .select(col(SIDE), col(MODEL_ID), col(MODEL_VERSION), col(SLICE_KEY), col(SLICE_VALUE), explode(col("features")).as(VALUE))
                .select(col(SIDE), col(MODEL_ID), col(MODEL_VERSION), col(SLICE_KEY), col(SLICE_VALUE),
                        col(VALUE + "." + COLUMN_NAME).as(COLUMN_NAME), col(VALUE + "." + COLUMN_TYPE).as(COLUMN_TYPE),
                        col(VALUE + "." + NUM).as(NUM), col(VALUE + "." + CAT).as(CAT), col(VALUE + "." + DIM).as(DIM));
    }

    /** The whole model (null key and value) and, when asked, one slice per configured key present in tags. */
    private static Column slices(List<String> sliceKeys, boolean withWholeModel) {
        List<String> parts = new ArrayList<>();
        if (withWholeModel) {
            parts.add("named_struct('" + SLICE_KEY + "', cast(null as string), '" + SLICE_VALUE + "', cast(null as string))");
        }
        for (String key : sliceKeys) {
            String tag = Columns.TAGS + "[" + sqlString(key) + "]";
            parts.add("CASE WHEN " + tag + " IS NOT NULL THEN named_struct('" + SLICE_KEY + "', " + sqlString(key)
                    + ", '" + SLICE_VALUE + "', " + tag + ") END");
        }
        return expr("filter(array(" + String.join(", ", parts) + "), s -> s IS NOT NULL)");
    }

    /** Every column of one record as an array of (column_name, column_type, num, cat, dim). */
    private static Column features(boolean withActuals) {
        List<String> arrays = new ArrayList<>();
        arrays.add("transform(map_entries(" + Columns.NUMERIC_FEATURES + "), e -> " + value("e.key", NUMERIC, "e.value", "null", "null") + ")");
        arrays.add("transform(map_entries(" + Columns.CATEGORICAL_FEATURES + "), e -> " + value("e.key", CATEGORICAL, "null", "e.value", "null") + ")");
        // an embedding is one value per dimension; a missing or empty vector is one null value
        arrays.add("flatten(transform(map_entries(" + Columns.EMBEDDING_FEATURES + "), e -> CASE WHEN e.value IS NULL OR size(e.value) = 0"
                + " THEN array(" + value("e.key", EMBEDDING, "null", "null", "null") + ")"
                + " ELSE transform(e.value, (x, i) -> " + value("e.key", EMBEDDING, "x", "null", "i") + ") END))");
        List<String> outputs = new ArrayList<>();
        String kind = Columns.PREDICTION_KIND;
        outputs.add("CASE WHEN " + kind + " = '" + PredictionKinds.CLASSIFICATION + "' THEN "
                + value(sqlString(PREDICTION), CATEGORICAL, "null", Columns.PREDICTION_LABEL, "null")
                + " WHEN " + kind + " = '" + PredictionKinds.REGRESSION + "' THEN "
                + value(sqlString(PREDICTION), NUMERIC, Columns.PREDICTION_VALUE, "null", "null") + " END");
        outputs.add("CASE WHEN " + Columns.PREDICTION_SCORE + " IS NOT NULL THEN "
                + value(sqlString(PREDICTION_SCORE), NUMERIC, Columns.PREDICTION_SCORE, "null", "null") + " END");
        if (withActuals) {
            outputs.add("CASE WHEN " + ACTUAL_KIND + " = '" + PredictionKinds.ACTUAL_LABEL + "' THEN "
                    + value(sqlString(ACTUAL), CATEGORICAL, "null", ACTUAL_LABEL, "null")
                    + " WHEN " + ACTUAL_KIND + " = '" + PredictionKinds.ACTUAL_NUMERIC + "' THEN "
                    + value(sqlString(ACTUAL), NUMERIC, ACTUAL_VALUE, "null", "null") + " END");
        }
        arrays.add("filter(array(" + String.join(", ", outputs) + "), v -> v IS NOT NULL)");
        return expr("concat(" + String.join(", ", arrays) + ")");
    }

    private static String value(String name, String type, String num, String cat, String dim) {
        return "named_struct('" + COLUMN_NAME + "', " + name + ", '" + COLUMN_TYPE + "', '" + type + "', '"
                + NUM + "', cast(" + num + " as double), '" + CAT + "', cast(" + cat + " as string), '"
                + DIM + "', cast(" + dim + " as int))";
    }

    static String sqlString(String s) {
        return SqlLiterals.string(s);
    }
}
