package io.monitoring.quality;

import java.util.List;

/** Table names of the quality part of the warehouse (merged into TableNames by the lead). */
public final class QualityTables {
    private QualityTables() {}

    /** One row per inference, with its latest actual inside the label window (if any). */
    public static final String LABELED_INFERENCES = "labeled_inferences";
    /** One row per actual record whose inference is not in the inferences table (yet). */
    public static final String ORPHAN_ACTUALS = "orphan_actuals";
    /** One row per granularity, window, model, model version and slice. */
    public static final String MODEL_QUALITY = "model_quality";

    public static final List<String> ALL = List.of(LABELED_INFERENCES, ORPHAN_ACTUALS, MODEL_QUALITY);
}
