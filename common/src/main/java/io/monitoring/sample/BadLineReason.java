package io.monitoring.sample;

/**
 * The kinds of malformed lines mixed into inference files when {@code badShare > 0}. {@link #reason()} is the
 * machine-readable string the ingest is expected to put on the quarantine row.
 */
public enum BadLineReason {
    /** A record cut off in the middle: not parseable JSON. */
    MALFORMED_JSON("malformed_json"),
    /** Valid JSON that is not an object, e.g. {@code [1,2]} or {@code "x"}. */
    NOT_A_JSON_OBJECT("not_a_json_object"),
    /** An Arize record with neither {@code prediction} nor {@code actual}. */
    NO_PREDICTION_OR_ACTUAL("no_prediction_or_actual"),
    /** An Arize feature typed {@code {"bool": true}} or {@code {"float": 1.0}}. */
    INVALID_FEATURE_TYPE("invalid_feature_type"),
    /** An Arize record timestamped 200 days before the window starts (Arize accepts at most 90). */
    TIMESTAMP_OUT_OF_RANGE("timestamp_out_of_range"),
    /** A {@code timestamp} that is not ISO-8601: {@code "yesterday"}. */
    INVALID_TIMESTAMP("invalid_timestamp"),
    /** A Guardian record with {@code "latency_ms": "fast"}. */
    WRONG_TYPE("wrong_type"),
    /** An Arize record without {@code model_id}. */
    MISSING_MODEL_ID("missing_model_id"),
    /** A Guardian batch envelope of 1,001 records (the API accepts 1,000); one bad line. */
    BATCH_TOO_LARGE("batch_too_large");

    private final String reason;

    BadLineReason(String reason) {
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
