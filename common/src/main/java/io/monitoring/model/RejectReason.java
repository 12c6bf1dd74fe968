package io.monitoring.model;

/**
 * Machine-readable reasons a record is quarantined. Modelled on the Arize log API error table
 * (seed 001) plus the failures a file reader meets. The {@link #code()} is what the quarantine
 * table stores; it never changes once published.
 */
public enum RejectReason {
    MALFORMED_JSON("malformed_json"),
    NOT_A_JSON_OBJECT("not_a_json_object"),
    INVALID_UTF8("invalid_utf8"),
    DUPLICATE_KEY("duplicate_key"),
    NESTING_TOO_DEEP("nesting_too_deep"),
    LINE_TOO_LONG("line_too_long"),
    UNRECOGNIZED_RECORD("unrecognized_record"),
    NO_PREDICTION_OR_ACTUAL("no_prediction_or_actual"),
    INVALID_FEATURE_TYPE("invalid_feature_type"),
    INVALID_LABEL("invalid_label"),
    INVALID_NUMBER("invalid_number"),
    EMBEDDING_DIMENSION_MISMATCH("embedding_dimension_mismatch"),
    TIMESTAMP_OUT_OF_RANGE("timestamp_out_of_range"),
    INVALID_TIMESTAMP("invalid_timestamp"),
    WRONG_TYPE("wrong_type"),
    MISSING_MODEL_ID("missing_model_id"),
    MISSING_PREDICTION_ID("missing_prediction_id"),
    BATCH_TOO_LARGE("batch_too_large"),
    EMPTY_BATCH("empty_batch"),
    EMPTY_FILE("empty_file"),
    UNREADABLE_FILE("unreadable_file"),
    FILE_VANISHED("file_vanished");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
