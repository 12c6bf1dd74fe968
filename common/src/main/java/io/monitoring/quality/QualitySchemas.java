package io.monitoring.quality;

import static io.monitoring.model.Columns.*;
import static io.monitoring.quality.QualityColumns.*;

import io.monitoring.model.Schemas;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Explicit schemas of the quality tables. */
public final class QualitySchemas {
    private QualitySchemas() {}

    private static final DataType STR = DataTypes.StringType;
    private static final DataType DBL = DataTypes.DoubleType;
    private static final DataType LONG = DataTypes.LongType;
    private static final DataType TS = DataTypes.TimestampType;
    private static final DataType BOOL = DataTypes.BooleanType;

    /**
     * {@code labeled_inferences}: every inference of the inferences table (labelled or not) with the
     * latest actual within the label window. Grain: (model_id, inference_id). Partitioned by event_date.
     */
    public static final StructType LABELED_INFERENCE = concat(
            fieldsOf(Schemas.INFERENCE, false, MODEL_ID, INFERENCE_ID, MODEL_VERSION, ENVIRONMENT, EVENT_TIME, EVENT_DATE,
                    PREDICTION_KIND, PREDICTION_LABEL, PREDICTION_SCORE, PREDICTION_CLASS_SCORES, PREDICTION_VALUE,
                    PREDICTION_RANKED_ITEMS, PREDICTION_RANKED_SCORES, PREDICTION_DETECTIONS, TAGS, IS_ERROR, LANDED_AT),
            new StructField[] {field(HAS_ACTUAL, BOOL, false), field(NUM_ACTUALS, LONG, false)},
            // the actual's columns are null on unlabelled inferences
            fieldsOf(Schemas.ACTUAL, true, ACTUAL_ID, ACTUAL_TIME, ACTUAL_KIND, ACTUAL_LABEL, ACTUAL_VALUE, ACTUAL_ITEMS,
                    ACTUAL_RELEVANCE, ACTUAL_CLASSES),
            new StructField[] {field(ACTUAL_LANDED_AT, TS, true), field(LABEL_LAG_SECONDS, DBL, true)});

    /** {@code orphan_actuals}: actual records with no inference of their key. Rewritten by every join run. */
    public static final StructType ORPHAN_ACTUAL = concat(fieldsOf(Schemas.ACTUAL, false, MODEL_ID, INFERENCE_ID, ACTUAL_ID,
            ACTUAL_TIME, ACTUAL_DATE, ACTUAL_KIND, ACTUAL_LABEL, ACTUAL_VALUE, SOURCE_FILE, LANDED_AT));

    /** One element of {@code class_metrics}: a class of a classifier or a detector. */
    public static final StructType CLASS_METRIC = new StructType(new StructField[] {
        field(CLASS_NAME, STR, true),
        field(SUPPORT, LONG, true),
        field(PREDICTED, LONG, true),
        field(TRUE_POSITIVES, LONG, true),
        field(PRECISION, DBL, true),
        field(PRECISION_CI_LOW, DBL, true),
        field(PRECISION_CI_HIGH, DBL, true),
        field(RECALL, DBL, true),
        field(RECALL_CI_LOW, DBL, true),
        field(RECALL_CI_HIGH, DBL, true),
        field(F1, DBL, true),
        field(ROC_AUC, DBL, true),
        field(PR_AUC, DBL, true),
        field(ESTIMATED_PRECISION, DBL, true),
        field(ESTIMATED_RECALL, DBL, true),
        field(ESTIMATED_F1, DBL, true),
    });

    /** One cell of {@code confusion_matrix}. */
    public static final StructType CONFUSION_CELL = new StructType(new StructField[] {
        field(ACTUAL_CLASS, STR, true),
        field(PREDICTED_CLASS, STR, true),
        field(COUNT, LONG, true),
    });

    /** One element of {@code ranking_at_k}. */
    public static final StructType RANKING_CUTOFF = new StructType(new StructField[] {
        field(K, DataTypes.IntegerType, true),
        field(NDCG, DBL, true),
        field(MAP, DBL, true),
        field(PRECISION, DBL, true),
        field(RECALL, DBL, true),
    });

    /**
     * {@code model_quality}. Grain: (granularity, window_start, model_id, model_version, slice_key,
     * slice_value); slice_key null is the whole model. Partitioned by window_date (UTC date of window_start).
     */
    public static final StructType MODEL_QUALITY = new StructType(new StructField[] {
        field(GRANULARITY, STR, false),
        field(WINDOW_START, TS, false),
        field(WINDOW_END, TS, false),
        field(WINDOW_DATE, DataTypes.DateType, false),
        field(WORKSPACE, STR, false),
        field(MODEL_ID, STR, false),
        field(MODEL_VERSION, STR, true),
        field(SLICE_KEY, STR, true),
        field(SLICE_VALUE, STR, true),
        field(PREDICTION_KIND, STR, true),
        field(NUM_INFERENCES, LONG, false),
        field(NUM_LABELED, LONG, false),
        field(NUM_EVALUATED, LONG, false),
        field(LABEL_COVERAGE, DBL, true),
        field(LABEL_COVERAGE_CI_LOW, DBL, true),
        field(LABEL_COVERAGE_CI_HIGH, DBL, true),
        field(LABEL_LAG_P50, DBL, true),
        field(LABEL_LAG_P95, DBL, true),
        field(PROVISIONAL, BOOL, false),
        field(ACCURACY, DBL, true),
        field(ACCURACY_CI_LOW, DBL, true),
        field(ACCURACY_CI_HIGH, DBL, true),
        field(MACRO_PRECISION, DBL, true),
        field(MACRO_RECALL, DBL, true),
        field(MACRO_F1, DBL, true),
        field(WEIGHTED_PRECISION, DBL, true),
        field(WEIGHTED_RECALL, DBL, true),
        field(WEIGHTED_F1, DBL, true),
        field(LOG_LOSS, DBL, true),
        field(ROC_AUC, DBL, true),
        field(PR_AUC, DBL, true),
        field(CLASS_METRICS, DataTypes.createArrayType(CLASS_METRIC, true), true),
        field(CONFUSION_MATRIX, DataTypes.createArrayType(CONFUSION_CELL, true), true),
        field(MAE, DBL, true),
        field(MSE, DBL, true),
        field(RMSE, DBL, true),
        field(MAPE, DBL, true),
        field(R2, DBL, true),
        field(MEAN_ERROR, DBL, true),
        field(MRR, DBL, true),
        field(RANKING_AT_K, DataTypes.createArrayType(RANKING_CUTOFF, true), true),
        field(ESTIMATED_ACCURACY, DBL, true),
        field(ESTIMATED_MACRO_PRECISION, DBL, true),
        field(ESTIMATED_MACRO_RECALL, DBL, true),
        field(ESTIMATED_MACRO_F1, DBL, true),
        field(CBPE_REFERENCE_LABELS, LONG, true),
    });

    /** The named fields of a schema, in the order given; {@code nullable} makes them all nullable. */
    private static StructField[] fieldsOf(StructType schema, boolean nullable, String... names) {
        StructField[] out = new StructField[names.length];
        for (int i = 0; i < names.length; i++) {
            StructField f = schema.apply(names[i]);
            out[i] = nullable ? field(f.name(), f.dataType(), true) : f;
        }
        return out;
    }

    private static StructType concat(StructField[]... parts) {
        return new StructType(java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(StructField[]::new));
    }

    private static StructField field(String name, DataType type, boolean nullable) {
        return DataTypes.createStructField(name, type, nullable);
    }
}
