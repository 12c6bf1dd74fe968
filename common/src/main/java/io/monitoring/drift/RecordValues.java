package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.*;

import io.monitoring.ingest.PredictionKinds;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Every column value of one record ({@link DriftRecords}), read from Spark's internal row
 * without copying: each numeric and categorical feature, each embedding component, the prediction
 * (a category for classification, a number for regression, nothing for other kinds), its score
 * when present, and the latest actual (a category for a label, a number for a numeric actual).
 * The strings handed to the visitor point into Spark's buffers: copy what outlives the call.
 */
final class RecordValues {
    private static final UTF8String CLASSIFICATION = UTF8String.fromString(PredictionKinds.CLASSIFICATION);
    private static final UTF8String REGRESSION = UTF8String.fromString(PredictionKinds.REGRESSION);
    private static final UTF8String ACTUAL_IS_LABEL = UTF8String.fromString(PredictionKinds.ACTUAL_LABEL);
    private static final UTF8String ACTUAL_IS_NUMBER = UTF8String.fromString(PredictionKinds.ACTUAL_NUMERIC);
    private static final UTF8String PREDICTION_COLUMN = UTF8String.fromString(PREDICTION);
    private static final UTF8String SCORE_COLUMN = UTF8String.fromString(PREDICTION_SCORE);
    private static final UTF8String ACTUAL_COLUMN = UTF8String.fromString(ACTUAL);

    /** What is done with each value. */
    interface Visitor {
        /** A numeric column's value; {@code isNull}: the value is null. */
        void numeric(UTF8String column, boolean isNull, double value);

        /** A categorical column's value, null when null. */
        void categorical(UTF8String column, UTF8String value);

        /**
         * An embedding component at dimension {@code dim}; {@code isNull} for a null component, and
         * for a missing or empty vector, which is one null value (then {@code dim} is -1).
         */
        void embedding(UTF8String column, int dim, boolean isNull, double value);
    }

    private RecordValues() {}

    static void visit(InternalRow row, RecordLayout layout, Visitor visitor) {
        if (layout.hasPredictions()) {
            features(row, layout, visitor);
            prediction(row, layout, visitor);
        }
        if (layout.hasActuals()) {
            actual(row, layout, visitor);
        }
    }

    private static void features(InternalRow row, RecordLayout layout, Visitor visitor) {
        if (!row.isNullAt(layout.numeric())) {
            MapData map = row.getMap(layout.numeric());
            ArrayData names = map.keyArray();
            ArrayData numbers = map.valueArray();
            for (int i = 0; i < map.numElements(); i++) {
                boolean isNull = numbers.isNullAt(i);
                visitor.numeric(names.getUTF8String(i), isNull, isNull ? 0 : numbers.getDouble(i));
            }
        }
        if (!row.isNullAt(layout.categorical())) {
            MapData map = row.getMap(layout.categorical());
            ArrayData names = map.keyArray();
            ArrayData categories = map.valueArray();
            for (int i = 0; i < map.numElements(); i++) {
                visitor.categorical(names.getUTF8String(i), categories.isNullAt(i) ? null : categories.getUTF8String(i));
            }
        }
        if (!row.isNullAt(layout.embedding())) {
            MapData map = row.getMap(layout.embedding());
            ArrayData names = map.keyArray();
            ArrayData vectors = map.valueArray();
            for (int i = 0; i < map.numElements(); i++) {
                UTF8String name = names.getUTF8String(i);
                ArrayData vector = vectors.isNullAt(i) ? null : vectors.getArray(i);
                if (vector == null || vector.numElements() == 0) {
                    visitor.embedding(name, -1, true, 0);
                    continue;
                }
                for (int d = 0; d < vector.numElements(); d++) {
                    boolean isNull = vector.isNullAt(d);
                    visitor.embedding(name, d, isNull, isNull ? 0 : vector.getDouble(d));
                }
            }
        }
    }

    private static void prediction(InternalRow row, RecordLayout layout, Visitor visitor) {
        UTF8String kind = string(row, layout.predictionKind());
        if (CLASSIFICATION.equals(kind)) {
            visitor.categorical(PREDICTION_COLUMN, string(row, layout.predictionLabel()));
        } else if (REGRESSION.equals(kind)) {
            number(row, layout.predictionValue(), PREDICTION_COLUMN, visitor);
        }
        if (!row.isNullAt(layout.predictionScore())) {
            number(row, layout.predictionScore(), SCORE_COLUMN, visitor);
        }
    }

    private static void actual(InternalRow row, RecordLayout layout, Visitor visitor) {
        UTF8String actualKind = string(row, layout.actualKind());
        if (ACTUAL_IS_LABEL.equals(actualKind)) {
            visitor.categorical(ACTUAL_COLUMN, string(row, layout.actualLabel()));
        } else if (ACTUAL_IS_NUMBER.equals(actualKind)) {
            number(row, layout.actualValue(), ACTUAL_COLUMN, visitor);
        }
    }

    private static void number(InternalRow row, int ordinal, UTF8String column, Visitor visitor) {
        boolean isNull = row.isNullAt(ordinal);
        visitor.numeric(column, isNull, isNull ? 0 : row.getDouble(ordinal));
    }

    static UTF8String string(InternalRow row, int ordinal) {
        return row.isNullAt(ordinal) ? null : row.getUTF8String(ordinal);
    }
}
