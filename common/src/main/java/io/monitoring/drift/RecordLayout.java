package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.*;

import io.monitoring.model.Columns;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * Where each input of a drift profile sits in a row of {@link DriftRecords}: the ordinals the
 * partition aggregations read. Side, model, version and tags are always there; a column group the
 * rows do not carry (the features and prediction, or the actual) has ordinals -1.
 */
record RecordLayout(int side, int model, int version, int tags, int numeric, int categorical, int embedding,
        int predictionKind, int predictionLabel, int predictionValue, int predictionScore,
        int actualKind, int actualLabel, int actualValue) implements Serializable {

    static RecordLayout of(StructType schema) {
        List<String> names = List.of(schema.fieldNames());
        java.util.function.ToIntFunction<String> at = name -> names.indexOf(name);
        return new RecordLayout(schema.fieldIndex(SIDE), schema.fieldIndex(MODEL_ID), schema.fieldIndex(MODEL_VERSION),
                schema.fieldIndex(Columns.TAGS), at.applyAsInt(Columns.NUMERIC_FEATURES),
                at.applyAsInt(Columns.CATEGORICAL_FEATURES), at.applyAsInt(Columns.EMBEDDING_FEATURES),
                at.applyAsInt(Columns.PREDICTION_KIND), at.applyAsInt(Columns.PREDICTION_LABEL),
                at.applyAsInt(Columns.PREDICTION_VALUE), at.applyAsInt(Columns.PREDICTION_SCORE),
                at.applyAsInt(ACTUAL_KIND), at.applyAsInt(ACTUAL_LABEL), at.applyAsInt(ACTUAL_VALUE));
    }

    boolean hasPredictions() {
        return predictionKind >= 0;
    }

    boolean hasActuals() {
        return actualKind >= 0;
    }
}
