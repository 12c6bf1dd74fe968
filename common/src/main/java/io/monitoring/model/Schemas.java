package io.monitoring.model;

import static io.monitoring.model.Columns.*;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Explicit schemas of every table and intermediate record; nothing is inferred from data. */
public final class Schemas {
    private Schemas() {}

    private static final DataType STR = DataTypes.StringType;
    private static final DataType DBL = DataTypes.DoubleType;
    private static final DataType LONG = DataTypes.LongType;
    private static final DataType TS = DataTypes.TimestampType;
    // Delta cannot enforce NOT NULL inside arrays and maps, so nested values are declared nullable.
    private static final MapType STR_MAP = DataTypes.createMapType(STR, STR, true);
    private static final MapType DBL_MAP = DataTypes.createMapType(STR, DBL, true);
    private static final ArrayType STR_ARRAY = DataTypes.createArrayType(STR, true);
    private static final ArrayType DBL_ARRAY = DataTypes.createArrayType(DBL, true);

    public static final StructType DETECTION = new StructType(new StructField[] {
        field(DETECTION_CLASS, STR, true),
        field(DETECTION_CONFIDENCE, DBL, true),
    });

    /** The {@code inferences} table: one row per (model_id, inference_id). Partitioned by event_date. */
    public static final StructType INFERENCE = new StructType(new StructField[] {
        field(MODEL_ID, STR, false),
        field(INFERENCE_ID, STR, false),
        field(MODEL_VERSION, STR, true),
        field(ENVIRONMENT, STR, false),
        field(EVENT_TIME, TS, false),
        field(EVENT_DATE, DataTypes.DateType, false),
        field(SOURCE_FORMAT, STR, false),
        field(PREDICTION_KIND, STR, false),
        field(PREDICTION_LABEL, STR, true),
        field(PREDICTION_SCORE, DBL, true),
        field(PREDICTION_VALUE, DBL, true),
        field(PREDICTION_CLASS_SCORES, DBL_MAP, true),
        field(PREDICTION_RANKED_ITEMS, STR_ARRAY, true),
        field(PREDICTION_RANKED_SCORES, DBL_ARRAY, true),
        field(PREDICTION_DETECTIONS, DataTypes.createArrayType(DETECTION, true), true),
        field(PREDICTION_JSON, STR, true),
        field(NUMERIC_FEATURES, DBL_MAP, false),
        field(CATEGORICAL_FEATURES, STR_MAP, false),
        field(EMBEDDING_FEATURES, DataTypes.createMapType(STR, DBL_ARRAY, true), false),
        field(TAGS, STR_MAP, false),
        field(LATENCY_MS, DBL, true),
        field(IS_ERROR, DataTypes.BooleanType, false),
        field(ERROR_JSON, STR, true),
        field(SOURCE_FILE, STR, false),
        field(SOURCE_LINE, LONG, false),
        field(RECORD_INDEX, DataTypes.IntegerType, true),
        field(LANDED_AT, TS, false),
    });

    /** The {@code actuals} table: every ground-truth record seen, keyed by actual_id. Partitioned by actual_date. */
    public static final StructType ACTUAL = new StructType(new StructField[] {
        field(MODEL_ID, STR, false),
        field(INFERENCE_ID, STR, false),
        field(ACTUAL_ID, STR, false),
        field(ACTUAL_TIME, TS, false),
        field(ACTUAL_DATE, DataTypes.DateType, false),
        field(SOURCE_FORMAT, STR, false),
        field(ACTUAL_KIND, STR, false),
        field(ACTUAL_LABEL, STR, true),
        field(ACTUAL_VALUE, DBL, true),
        field(ACTUAL_ITEMS, STR_ARRAY, true),
        field(ACTUAL_RELEVANCE, DBL_ARRAY, true),
        field(ACTUAL_CLASSES, STR_ARRAY, true),
        field(ACTUAL_JSON, STR, false),
        field(TAGS, STR_MAP, false),
        field(SOURCE_FILE, STR, false),
        field(SOURCE_LINE, LONG, false),
        field(RECORD_INDEX, DataTypes.IntegerType, true),
        field(LANDED_AT, TS, false),
    });

    /**
     * The {@code ingested_files} table: one row per landing file version (path, length,
     * modification time) an ingest run has read, so later runs read only new or changed files.
     */
    public static final StructType INGESTED_FILE = new StructType(new StructField[] {
        field(SOURCE_FILE, STR, false),
        field(FILE_LENGTH, LONG, false),
        field(FILE_MODIFIED_AT, TS, false),
        field(RUN_ID, STR, false),
        field(INGESTED_AT, TS, false),
    });

    /** The {@code quarantine} table: one row per rejected record, line or unreadable file. */
    public static final StructType QUARANTINE_ROW = new StructType(new StructField[] {
        field(QUARANTINE_ID, STR, false),
        field(REASON, STR, false),
        field(DETAIL, STR, true),
        field(MODEL_ID, STR, true),
        field(SOURCE_FILE, STR, false),
        field(SOURCE_LINE, LONG, true),
        field(RECORD_INDEX, DataTypes.IntegerType, true),
        field(RAW_TEXT, STR, true),
        field(RAW_BYTES, LONG, true),
        field(RAW_TRUNCATED, DataTypes.BooleanType, false),
        field(LANDED_AT, TS, true),
    });

    /** What ingest makes of one record read: exactly one of inference/actual is set, or both, or quarantine alone. */
    public static final StructType PARSED = new StructType(new StructField[] {
        field(Columns.INFERENCE, INFERENCE, true),
        field(Columns.ACTUAL, ACTUAL, true),
        field(Columns.QUARANTINE, QUARANTINE_ROW, true),
    });

    /** The {@code pipeline_runs} table: one row per job run. */
    public static final StructType PIPELINE_RUN = new StructType(new StructField[] {
        field(RUN_ID, STR, false),
        field(JOB, STR, false),
        field(STATUS, STR, false),
        field(STARTED_AT, TS, false),
        field(FINISHED_AT, TS, false),
        field(DURATION_MS, LONG, false),
        field(WINDOW_START, TS, true),
        field(WINDOW_END, TS, true),
        field(INPUTS, STR_ARRAY, false),
        field(OUTPUTS, STR_ARRAY, false),
        field(RECORDS_READ, LONG, false),
        field(RECORDS_WRITTEN, LONG, false),
        field(RECORDS_QUARANTINED, LONG, false),
        field(METRICS, DataTypes.createMapType(STR, LONG, true), false),
        field(MESSAGE, STR, true),
    });

    /** Sums whose merge must not depend on order: exact decimals, so reruns publish identical bytes. */
    public static final DataType CONFIDENCE_SUM_TYPE = DataTypes.createDecimalType(38, 18);
    public static final DataType LATENCY_SUM_TYPE = DataTypes.createDecimalType(38, 12);

    /**
     * The {@code inference_stats} table: mergeable aggregates per hour [window_start, window_end),
     * workspace, model_id, model_version, level ("model": predicted_class null; "class": one row per
     * predicted class, "" for inferences without one) and slice (slice_key/slice_value null: the whole
     * model). Sketches are serialized Apache DataSketches KLL doubles sketches. Partitioned by
     * event_date, the UTC date of window_start.
     */
    public static final StructType INFERENCE_STATS = new StructType(new StructField[] {
        field(WINDOW_START, TS, false),
        field(WINDOW_END, TS, false),
        field(EVENT_DATE, DataTypes.DateType, false),
        field(WORKSPACE, STR, false),
        field(MODEL_ID, STR, false),
        field(MODEL_VERSION, STR, true),
        field(LEVEL, STR, false),
        field(PREDICTED_CLASS, STR, true),
        field(SLICE_KEY, STR, true),
        field(SLICE_VALUE, STR, true),
        field(NUM_INFERENCES, LONG, false),
        field(NUM_ERRORS, LONG, false),
        field(CLASS_COUNT, LONG, false),
        field(CONFIDENCE_SUM, CONFIDENCE_SUM_TYPE, false),
        field(CONFIDENCE_COUNT, LONG, false),
        field(CONFIDENCE_SKETCH, DataTypes.BinaryType, true),
        field(LATENCY_SUM_MS, LATENCY_SUM_TYPE, false),
        field(LATENCY_COUNT, LONG, false),
        field(LATENCY_SKETCH, DataTypes.BinaryType, true),
        field(DEPLOYMENT_TYPES, STR_ARRAY, false),
        field(SERVER_VERSIONS, STR_ARRAY, false),
    });

    private static StructField field(String name, DataType type, boolean nullable) {
        return DataTypes.createStructField(name, type, nullable);
    }
}
