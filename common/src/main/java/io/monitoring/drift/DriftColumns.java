package io.monitoring.drift;

import io.monitoring.model.Columns;

/** Column names and fixed values of the drift tables and of the intermediate drift datasets. */
public final class DriftColumns {
    private DriftColumns() {}

    // drift_metrics keys
    public static final String WINDOW_START = Columns.WINDOW_START;
    public static final String WINDOW_END = Columns.WINDOW_END;
    public static final String WINDOW_DATE = "window_date";
    public static final String MODEL_ID = Columns.MODEL_ID;
    public static final String MODEL_VERSION = Columns.MODEL_VERSION;
    public static final String SLICE_KEY = Columns.SLICE_KEY;
    public static final String SLICE_VALUE = Columns.SLICE_VALUE;
    public static final String COLUMN_NAME = "column_name";
    public static final String COLUMN_TYPE = "column_type";
    public static final String BASELINE = "baseline";
    public static final String BASELINE_START = "baseline_start";
    public static final String BASELINE_END = "baseline_end";
    public static final String STATUS = Columns.STATUS;

    // sizes
    public static final String SAMPLE_SIZE = "sample_size";
    public static final String BASELINE_SAMPLE_SIZE = "baseline_sample_size";
    public static final String ROW_COUNT = "row_count";
    public static final String BASELINE_ROW_COUNT = "baseline_row_count";

    // statistics
    public static final String PSI = "psi";
    public static final String JS_DISTANCE = "js_distance";
    public static final String KS_STATISTIC = "ks_statistic";
    public static final String CHI_SQUARED = "chi_squared";
    public static final String CHI_SQUARED_DF = "chi_squared_df";
    public static final String P_VALUE_TEST = "p_value_test";
    public static final String P_VALUE = "p_value";
    public static final String P_VALUE_ADJUSTED = "p_value_adjusted";
    public static final String WASSERSTEIN = "wasserstein_normalized";
    public static final String HELLINGER = "hellinger";
    public static final String TOTAL_VARIATION = "total_variation";
    public static final String L_INFINITY = "l_infinity";
    public static final String UNSEEN_SHARE = "unseen_share";
    public static final String EMBEDDING_EUCLIDEAN = "embedding_euclidean";
    public static final String EMBEDDING_COSINE = "embedding_cosine";
    public static final String EMBEDDING_SHIFT = "embedding_shift";

    // data quality beside drift
    public static final String NULL_SHARE = "null_share";
    public static final String BASELINE_NULL_SHARE = "baseline_null_share";
    public static final String OUT_OF_RANGE_SHARE = "out_of_range_share";
    public static final String COUNT_CHANGE = "count_change";

    // verdict
    public static final String DRIFTED = "drifted";
    public static final String SEVERITY = "severity";
    public static final String DRIFT_REASONS = "drift_reasons";
    public static final String RUN_ID = Columns.RUN_ID;
    public static final String COMPUTED_AT = "computed_at";

    // drift_baselines
    public static final String BINS_SOURCE = "bins_source";
    public static final String EDGES = "edges";
    public static final String PSI_EDGES = "psi_edges";
    public static final String CATEGORIES = "categories";
    public static final String RANGE_MIN = "range_min";
    public static final String RANGE_MAX = "range_max";
    public static final String HISTOGRAM = "histogram";

    // histogram cells and intermediate columns
    public static final String SIDE = "side";
    public static final String BIN = "bin";
    public static final String N = "n";
    public static final String N_OUT = "n_out";
    public static final String SUM = "sum";
    public static final String SUM_SQ = "sum_sq";
    public static final String NUM = "num";
    public static final String CAT = "cat";
    public static final String DIM = "dim";
    public static final String ACTUAL_KIND = Columns.ACTUAL_KIND;
    public static final String ACTUAL_LABEL = Columns.ACTUAL_LABEL;
    public static final String ACTUAL_VALUE = Columns.ACTUAL_VALUE;

    // values
    public static final String NUMERIC = "numeric";
    public static final String CATEGORICAL = "categorical";
    public static final String EMBEDDING = "embedding";
    public static final String PREDICTION = "__prediction__";
    public static final String PREDICTION_SCORE = "__prediction_score__";
    public static final String ACTUAL = "__actual__";
    /** Marker row of drift_baselines: the model has no reference records (so they are not looked for again). */
    public static final String NO_REFERENCE = "__no_reference__";

    public static final String BASELINE_REFERENCE = "reference";
    public static final String BASELINE_PREVIOUS = "previous_window";
    public static final String SIDE_CURRENT = "current";
    public static final String SIDE_PREVIOUS = "previous";
    public static final String SIDE_REFERENCE = "reference";

    public static final String STATUS_OK = "ok";
    public static final String STATUS_INSUFFICIENT = "insufficient_data";
    public static final String STATUS_NO_BASELINE = "no_baseline";

    /** Histogram cell of values that are null. */
    public static final int BIN_NULL = -1;
    /** Histogram cell of values of a column that has no bins (not in the baseline the bins came from). */
    public static final int BIN_UNBINNED = -2;
}
