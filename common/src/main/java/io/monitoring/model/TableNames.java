package io.monitoring.model;

import java.util.List;

/** The Delta table names of the warehouse: the contract with analysts and later jobs. */
public final class TableNames {
    private TableNames() {}

    public static final String INFERENCES = "inferences";
    public static final String ACTUALS = "actuals";
    public static final String QUARANTINE = "quarantine";
    public static final String PIPELINE_RUNS = "pipeline_runs";
    public static final String INGESTED_FILES = "ingested_files";
    public static final String INFERENCE_STATS = "inference_stats";
    public static final String LABELED_INFERENCES = "labeled_inferences";
    public static final String ORPHAN_ACTUALS = "orphan_actuals";
    public static final String MODEL_QUALITY = "model_quality";
    public static final String DRIFT_METRICS = "drift_metrics";
    public static final String DRIFT_BASELINES = "drift_baselines";

    public static final List<String> ALL = List.of(INFERENCES, ACTUALS, QUARANTINE, PIPELINE_RUNS, INGESTED_FILES, INFERENCE_STATS,
            LABELED_INFERENCES, ORPHAN_ACTUALS, MODEL_QUALITY, DRIFT_METRICS, DRIFT_BASELINES);
}
