package io.monitoring.quality;

/** Column names of the quality tables (labeled_inferences, orphan_actuals, model_quality). */
public final class QualityColumns {
    private QualityColumns() {}

    // labeled_inferences
    public static final String HAS_ACTUAL = "has_actual";
    public static final String ACTUAL_LANDED_AT = "actual_landed_at";
    public static final String NUM_ACTUALS = "num_actuals";
    public static final String LABEL_LAG_SECONDS = "label_lag_seconds";

    // model_quality: key and coverage
    public static final String WINDOW_DATE = "window_date";
    public static final String NUM_LABELED = "num_labeled";
    public static final String NUM_EVALUATED = "num_evaluated";
    public static final String LABEL_COVERAGE = "label_coverage";
    public static final String LABEL_COVERAGE_CI_LOW = "label_coverage_ci_low";
    public static final String LABEL_COVERAGE_CI_HIGH = "label_coverage_ci_high";
    public static final String LABEL_LAG_P50 = "label_lag_p50_seconds";
    public static final String LABEL_LAG_P95 = "label_lag_p95_seconds";
    public static final String PROVISIONAL = "provisional";

    // classification
    public static final String ACCURACY = "accuracy";
    public static final String ACCURACY_CI_LOW = "accuracy_ci_low";
    public static final String ACCURACY_CI_HIGH = "accuracy_ci_high";
    public static final String MACRO_PRECISION = "macro_precision";
    public static final String MACRO_RECALL = "macro_recall";
    public static final String MACRO_F1 = "macro_f1";
    public static final String WEIGHTED_PRECISION = "weighted_precision";
    public static final String WEIGHTED_RECALL = "weighted_recall";
    public static final String WEIGHTED_F1 = "weighted_f1";
    public static final String LOG_LOSS = "log_loss";
    public static final String ROC_AUC = "roc_auc";
    public static final String PR_AUC = "pr_auc";
    public static final String CLASS_METRICS = "class_metrics";
    public static final String CONFUSION_MATRIX = "confusion_matrix";

    // class_metrics elements
    public static final String CLASS_NAME = "class_name";
    public static final String SUPPORT = "support";
    public static final String PREDICTED = "predicted";
    public static final String TRUE_POSITIVES = "true_positives";
    public static final String PRECISION = "precision";
    public static final String PRECISION_CI_LOW = "precision_ci_low";
    public static final String PRECISION_CI_HIGH = "precision_ci_high";
    public static final String RECALL = "recall";
    public static final String RECALL_CI_LOW = "recall_ci_low";
    public static final String RECALL_CI_HIGH = "recall_ci_high";
    public static final String F1 = "f1";
    public static final String ESTIMATED_PRECISION = "estimated_precision";
    public static final String ESTIMATED_RECALL = "estimated_recall";
    public static final String ESTIMATED_F1 = "estimated_f1";

    // confusion_matrix elements
    public static final String ACTUAL_CLASS = "actual_class";
    public static final String COUNT = "count";

    // regression
    public static final String MAE = "mae";
    public static final String MSE = "mse";
    public static final String RMSE = "rmse";
    public static final String MAPE = "mape";
    public static final String R2 = "r2";
    public static final String MEAN_ERROR = "mean_error";

    // ranking
    public static final String MRR = "mrr";
    public static final String RANKING_AT_K = "ranking_at_k";
    public static final String K = "k";
    public static final String NDCG = "ndcg";
    public static final String MAP = "map";

    // CBPE
    public static final String ESTIMATED_ACCURACY = "estimated_accuracy";
    public static final String ESTIMATED_MACRO_PRECISION = "estimated_macro_precision";
    public static final String ESTIMATED_MACRO_RECALL = "estimated_macro_recall";
    public static final String ESTIMATED_MACRO_F1 = "estimated_macro_f1";
    public static final String CBPE_REFERENCE_LABELS = "cbpe_reference_labels";
}
