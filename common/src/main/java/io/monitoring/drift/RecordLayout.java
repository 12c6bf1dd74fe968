package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.*;

import io.monitoring.model.Columns;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * Where each input of a drift profile sits in a row of {@link DriftInputs#records}: the ordinals
 * the partition aggregation reads. The actual's ordinals are -1 when the rows carry no actuals.
 */
record RecordLayout(int side, int model, int version, int tags, int numeric, int categorical, int embedding,
        int predictionKind, int predictionLabel, int predictionValue, int predictionScore,
        int actualKind, int actualLabel, int actualValue) implements Serializable {

    static RecordLayout of(StructType schema) {
        List<String> names = List.of(schema.fieldNames());
        boolean actuals = names.contains(ACTUAL_KIND);
        return new RecordLayout(schema.fieldIndex(SIDE), schema.fieldIndex(MODEL_ID), schema.fieldIndex(MODEL_VERSION),
                schema.fieldIndex(Columns.TAGS), schema.fieldIndex(Columns.NUMERIC_FEATURES),
                schema.fieldIndex(Columns.CATEGORICAL_FEATURES), schema.fieldIndex(Columns.EMBEDDING_FEATURES),
                schema.fieldIndex(Columns.PREDICTION_KIND), schema.fieldIndex(Columns.PREDICTION_LABEL),
                schema.fieldIndex(Columns.PREDICTION_VALUE), schema.fieldIndex(Columns.PREDICTION_SCORE),
                actuals ? schema.fieldIndex(ACTUAL_KIND) : -1, actuals ? schema.fieldIndex(ACTUAL_LABEL) : -1,
                actuals ? schema.fieldIndex(ACTUAL_VALUE) : -1);
    }

    boolean hasActuals() {
        return actualKind >= 0;
    }
}
