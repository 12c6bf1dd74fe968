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
import java.util.function.IntFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Inference rows to the long form every drift aggregation groups: one row per record and column
 * (each feature, embedding dimension, the prediction and the actual), with the record's capped
 * segment values beside it. Pure Dataset functions, no I/O.
 */
public final class DriftInputs {
    private static final String SLICE = "slice";
    private static final String VALUE = "value";
    private static final String KEPT = "kept";
    private static final String FEATURES = "features";

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
                .select(col(MODEL_ID), explode(tagSlices(sliceKeys)).as(SLICE))
                .groupBy(col(MODEL_ID), col(SLICE + "." + SLICE_KEY).as(SLICE_KEY), col(SLICE + "." + SLICE_VALUE).as(SLICE_VALUE))
                .agg(count(lit(1)).as(N));
        return counts
                .withColumn("rank", row_number().over(Window.partitionBy(MODEL_ID, SLICE_KEY)
                        .orderBy(col(N).desc(), col(SLICE_VALUE))))
                .where(col("rank").leq(max))
                .select(MODEL_ID, SLICE_KEY, SLICE_VALUE);
    }

    /** The column of {@link #columnValues} that holds a record's value of the {@code i}-th segment key. */
    public static String sliceColumn(int i) {
        return "slice_" + i;
    }

    /** The whole-model long form: side, model_id, model_version, column_name, column_type, num, cat, dim. */
    public static Dataset<Row> columnValues(Dataset<Row> rows) {
        return columnValues(rows, List.of(), null, null);
    }

    /**
     * The long form before slicing: one row per record and column (each feature, embedding
     * dimension, the prediction and the actual) with side, model_id, model_version, one
     * {@link #sliceColumn} per segment key (the record's tag value; {@code otherValue} when it is
     * not among {@code keptSliceValues} from {@link #topSliceValues}; null when the tag is
     * absent), column_name, column_type, num, cat, dim. {@code side} must already be a column of
     * {@code rows}; actual columns are used when present. Slices are expanded after aggregating
     * ({@link DriftProfiles}), so each value is binned once, not once per slice.
     */
    public static Dataset<Row> columnValues(Dataset<Row> rows, List<String> sliceKeys, Dataset<Row> keptSliceValues,
            String otherValue) {
        boolean hasActuals = List.of(rows.columns()).contains(ACTUAL_KIND);
        List<Column> recordColumns = new ArrayList<>(List.of(col(SIDE), col(MODEL_ID), col(MODEL_VERSION)));
        for (int i = 0; i < sliceKeys.size(); i++) {
            recordColumns.add(col(Columns.TAGS).getItem(sliceKeys.get(i)).as(sliceColumn(i)));
        }
        recordColumns.add(features(hasActuals).as(FEATURES));
        Dataset<Row> records = rows.select(recordColumns.toArray(Column[]::new));
        for (int i = 0; i < sliceKeys.size(); i++) {
            records = capped(records, sliceColumn(i), keptSliceValues.where(col(SLICE_KEY).equalTo(sliceKeys.get(i))), otherValue);
        }
        List<Column> out = new ArrayList<>(List.of(col(SIDE), col(MODEL_ID), col(MODEL_VERSION)));
        for (int i = 0; i < sliceKeys.size(); i++) {
            out.add(col(sliceColumn(i)));
        }
        List<Column> exploded = new ArrayList<>(out);
        exploded.add(explode(col(FEATURES)).as(VALUE));
        for (String field : List.of(COLUMN_NAME, COLUMN_TYPE, NUM, CAT, DIM)) {
            out.add(col(VALUE + "." + field).as(field));
        }
        return records.select(exploded.toArray(Column[]::new)).select(out.toArray(Column[]::new));
    }

    /** {@code column} kept when its (model, value) is in {@code kept} (model_id, slice_value), else {@code otherValue}; null stays null. */
    private static Dataset<Row> capped(Dataset<Row> records, String column, Dataset<Row> kept, String otherValue) {
        Dataset<Row> lookup = kept.select(col(MODEL_ID).as("k_model"), col(SLICE_VALUE).as("k_value"), lit(true).as(KEPT));
        return records.join(broadcast(lookup), col(MODEL_ID).equalTo(col("k_model")).and(col(column).equalTo(col("k_value"))), "left")
                .withColumn(column, when(col(column).isNull(), lit(null).cast("string"))
                        .when(col(KEPT).isNotNull(), col(column)).otherwise(lit(otherValue)))
                .drop("k_model", "k_value", KEPT);
    }

    /** One (slice_key, slice_value) per configured key present in the record's tags. */
    private static Column tagSlices(List<String> sliceKeys) {
        return presentSlices(sliceKeys, i -> Columns.TAGS + "[" + sqlString(sliceKeys.get(i)) + "]", false);
    }

    /**
     * An array of (slice_key, slice_value): the whole model first (null key and value) when asked,
     * then one per key whose value (the SQL expression {@code valueOf(i)} for key i) is not null.
     */
    static Column presentSlices(List<String> sliceKeys, IntFunction<String> valueOf, boolean withWholeModel) {
        List<String> parts = new ArrayList<>();
        if (withWholeModel) {
            parts.add("named_struct('" + SLICE_KEY + "', cast(null as string), '" + SLICE_VALUE + "', cast(null as string))");
        }
        for (int i = 0; i < sliceKeys.size(); i++) {
            String value = valueOf.apply(i);
            parts.add("CASE WHEN " + value + " IS NOT NULL THEN named_struct('" + SLICE_KEY + "', " + sqlString(sliceKeys.get(i))
                    + ", '" + SLICE_VALUE + "', " + value + ") END");
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
