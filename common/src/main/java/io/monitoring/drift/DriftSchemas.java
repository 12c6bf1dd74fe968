package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.*;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Table names and explicit schemas of the drift tables. */
public final class DriftSchemas {
    private DriftSchemas() {}

    public static final String DRIFT_METRICS_TABLE = "drift_metrics";
    public static final String DRIFT_BASELINES_TABLE = "drift_baselines";

    private static final DataType STR = DataTypes.StringType;
    private static final DataType DBL = DataTypes.DoubleType;
    private static final DataType LONG = DataTypes.LongType;
    private static final DataType TS = DataTypes.TimestampType;
    private static final ArrayType DBL_ARRAY = DataTypes.createArrayType(DBL, true);
    private static final ArrayType STR_ARRAY = DataTypes.createArrayType(STR, true);

    /** One histogram cell: a bin (or embedding dimension, or {@link DriftColumns#BIN_NULL}) and its sums. */
    public static final StructType CELL = new StructType(new StructField[] {
        field(BIN, DataTypes.IntegerType, true),
        field(N, LONG, true),
        field(N_OUT, LONG, true),
        field(SUM, DBL, true),
        field(SUM_SQ, DBL, true),
    });

    public static final ArrayType HISTOGRAM_TYPE = DataTypes.createArrayType(CELL, true);

    /**
     * {@code drift_metrics}: one row per window, model_id, model_version, slice (null = whole
     * model), column and baseline. Partitioned by window_date (the window start's UTC date).
     */
    public static final StructType DRIFT_METRICS = new StructType(new StructField[] {
        field(WINDOW_START, TS, false),
        field(WINDOW_END, TS, false),
        field(WINDOW_DATE, DataTypes.DateType, false),
        field(MODEL_ID, STR, false),
        field(MODEL_VERSION, STR, true),
        field(SLICE_KEY, STR, true),
        field(SLICE_VALUE, STR, true),
        field(COLUMN_NAME, STR, false),
        field(COLUMN_TYPE, STR, false),
        field(BASELINE, STR, false),
        field(BASELINE_START, TS, true),
        field(BASELINE_END, TS, true),
        field(STATUS, STR, false),
        field(SAMPLE_SIZE, LONG, false),
        field(BASELINE_SAMPLE_SIZE, LONG, false),
        field(ROW_COUNT, LONG, false),
        field(BASELINE_ROW_COUNT, LONG, false),
        field(PSI, DBL, true),
        field(JS_DISTANCE, DBL, true),
        field(KS_STATISTIC, DBL, true),
        field(CHI_SQUARED, DBL, true),
        field(CHI_SQUARED_DF, DataTypes.IntegerType, true),
        field(P_VALUE_TEST, STR, true),
        field(P_VALUE, DBL, true),
        field(P_VALUE_ADJUSTED, DBL, true),
        field(WASSERSTEIN, DBL, true),
        field(HELLINGER, DBL, true),
        field(TOTAL_VARIATION, DBL, true),
        field(L_INFINITY, DBL, true),
        field(UNSEEN_SHARE, DBL, true),
        field(EMBEDDING_EUCLIDEAN, DBL, true),
        field(EMBEDDING_COSINE, DBL, true),
        field(EMBEDDING_SHIFT, DBL, true),
        field(NULL_SHARE, DBL, true),
        field(BASELINE_NULL_SHARE, DBL, true),
        field(OUT_OF_RANGE_SHARE, DBL, true),
        field(COUNT_CHANGE, DBL, true),
        field(DRIFTED, DataTypes.BooleanType, true),
        field(SEVERITY, STR, true),
        field(DRIFT_REASONS, STR_ARRAY, false),
        field(RUN_ID, STR, false),
        field(COMPUTED_AT, TS, false),
    });

    /** The bins every comparison of a model's column uses: what {@link DriftBins} computes. */
    public static final StructType BINS = new StructType(new StructField[] {
        field(MODEL_ID, STR, false),
        field(COLUMN_NAME, STR, false),
        field(COLUMN_TYPE, STR, false),
        field(EDGES, DBL_ARRAY, true),
        field(PSI_EDGES, DBL_ARRAY, true),
        field(CATEGORIES, STR_ARRAY, true),
        field(RANGE_MIN, DBL, true),
        field(RANGE_MAX, DBL, true),
    });

    /**
     * {@code drift_baselines}: the stored bins of each model column and, for the reference, its
     * histogram per slice. Grain: model_id, bins_source, baseline_start, column, slice. Reference
     * rows are computed once per model; previous-window rows (models without a reference) once per window.
     */
    public static final StructType DRIFT_BASELINES = new StructType(new StructField[] {
        field(MODEL_ID, STR, false),
        field(BINS_SOURCE, STR, false),
        field(BASELINE_START, TS, true),
        field(BASELINE_END, TS, true),
        field(COLUMN_NAME, STR, false),
        field(COLUMN_TYPE, STR, false),
        field(SLICE_KEY, STR, true),
        field(SLICE_VALUE, STR, true),
        field(EDGES, DBL_ARRAY, true),
        field(PSI_EDGES, DBL_ARRAY, true),
        field(CATEGORIES, STR_ARRAY, true),
        field(RANGE_MIN, DBL, true),
        field(RANGE_MAX, DBL, true),
        field(HISTOGRAM, HISTOGRAM_TYPE, true),
        field(RUN_ID, STR, false),
        field(COMPUTED_AT, TS, false),
    });

    private static StructField field(String name, DataType type, boolean nullable) {
        return DataTypes.createStructField(name, type, nullable);
    }
}
