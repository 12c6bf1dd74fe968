package io.monitoring.ingest;

/** Values of {@code prediction_kind} and {@code actual_kind}. */
public final class PredictionKinds {
    private PredictionKinds() {}

    public static final String CLASSIFICATION = "classification";
    public static final String REGRESSION = "regression";
    public static final String RANKING = "ranking";
    public static final String DETECTION = "detection";
    /** A failed inference or an inference logged without an output. */
    public static final String NONE = "none";
    /** Any JSON the normaliser does not recognise; kept verbatim in prediction_json. */
    public static final String OTHER = "other";

    public static final String ACTUAL_LABEL = "label";
    public static final String ACTUAL_NUMERIC = "numeric";
    public static final String ACTUAL_RANKING = "ranking";
    public static final String ACTUAL_CLASSES = "classes";
    public static final String ACTUAL_OTHER = "other";
}
