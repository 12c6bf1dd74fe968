package io.monitoring.model;

/** Every column name used by the tables and transformations, in one place. */
public final class Columns {
    private Columns() {}

    // keys and time
    public static final String MODEL_ID = "model_id";
    public static final String INFERENCE_ID = "inference_id";
    public static final String MODEL_VERSION = "model_version";
    public static final String ENVIRONMENT = "environment";
    public static final String EVENT_TIME = "event_time";
    public static final String EVENT_DATE = "event_date";
    public static final String SOURCE_FORMAT = "source_format";

    // normalised prediction
    public static final String PREDICTION_KIND = "prediction_kind";
    public static final String PREDICTION_LABEL = "prediction_label";
    public static final String PREDICTION_SCORE = "prediction_score";
    public static final String PREDICTION_VALUE = "prediction_value";
    public static final String PREDICTION_CLASS_SCORES = "prediction_class_scores";
    public static final String PREDICTION_RANKED_ITEMS = "prediction_ranked_items";
    public static final String PREDICTION_RANKED_SCORES = "prediction_ranked_scores";
    public static final String PREDICTION_DETECTIONS = "prediction_detections";
    public static final String DETECTION_CLASS = "class_name";
    public static final String DETECTION_CONFIDENCE = "confidence";
    public static final String PREDICTION_JSON = "prediction_json";

    // features, tags, serving facts
    public static final String NUMERIC_FEATURES = "numeric_features";
    public static final String CATEGORICAL_FEATURES = "categorical_features";
    public static final String EMBEDDING_FEATURES = "embedding_features";
    public static final String TAGS = "tags";
    public static final String LATENCY_MS = "latency_ms";
    public static final String IS_ERROR = "is_error";
    public static final String ERROR_JSON = "error_json";

    // lineage
    public static final String SOURCE_FILE = "source_file";
    public static final String SOURCE_LINE = "source_line";
    public static final String RECORD_INDEX = "record_index";
    public static final String LANDED_AT = "landed_at";

    // ingested_files
    public static final String FILE_LENGTH = "file_length";
    public static final String FILE_MODIFIED_AT = "file_modified_at";
    public static final String INGESTED_AT = "ingested_at";

    // actuals
    public static final String ACTUAL_ID = "actual_id";
    public static final String ACTUAL_TIME = "actual_time";
    public static final String ACTUAL_DATE = "actual_date";
    public static final String ACTUAL_KIND = "actual_kind";
    public static final String ACTUAL_LABEL = "actual_label";
    public static final String ACTUAL_VALUE = "actual_value";
    public static final String ACTUAL_ITEMS = "actual_items";
    public static final String ACTUAL_RELEVANCE = "actual_relevance";
    public static final String ACTUAL_CLASSES = "actual_classes";
    public static final String ACTUAL_JSON = "actual_json";

    // quarantine
    public static final String QUARANTINE_ID = "quarantine_id";
    public static final String REASON = "reason";
    public static final String DETAIL = "detail";
    public static final String RAW_TEXT = "raw_text";
    public static final String RAW_TRUNCATED = "raw_truncated";
    public static final String RAW_BYTES = "raw_bytes";

    // parsed-record envelope (one per record read)
    public static final String INFERENCE = "inference";
    public static final String ACTUAL = "actual";
    public static final String QUARANTINE = "quarantine";

    // pipeline_runs
    public static final String RUN_ID = "run_id";
    public static final String JOB = "job";
    public static final String STATUS = "status";
    public static final String STARTED_AT = "started_at";
    public static final String FINISHED_AT = "finished_at";
    public static final String DURATION_MS = "duration_ms";
    public static final String WINDOW_START = "window_start";
    public static final String WINDOW_END = "window_end";
    public static final String INPUTS = "inputs";
    public static final String OUTPUTS = "outputs";
    public static final String RECORDS_READ = "records_read";
    public static final String RECORDS_WRITTEN = "records_written";
    public static final String RECORDS_QUARANTINED = "records_quarantined";
    public static final String METRICS = "metrics";
    public static final String MESSAGE = "message";

    // inference_stats
    public static final String GRANULARITY = "granularity";
    public static final String WORKSPACE = "workspace";
    public static final String LEVEL = "level";
    public static final String PREDICTED_CLASS = "predicted_class";
    public static final String SLICE_KEY = "slice_key";
    public static final String SLICE_VALUE = "slice_value";
    public static final String NUM_INFERENCES = "num_inferences";
    public static final String NUM_ERRORS = "num_errors";
    public static final String CLASS_COUNT = "class_count";
    public static final String CONFIDENCE_SUM = "confidence_sum";
    public static final String CONFIDENCE_COUNT = "confidence_count";
    public static final String MEDIAN_CONFIDENCE = "median_confidence";
    public static final String LATENCY_SUM_MS = "latency_sum_ms";
    public static final String LATENCY_COUNT = "latency_count";
    public static final String DEPLOYMENT_TYPES = "deployment_types";
    public static final String SERVER_VERSIONS = "inference_server_versions";
    public static final String CONFIDENCE_SKETCH = "confidence_sketch";
    public static final String LATENCY_SKETCH = "latency_sketch";
}
