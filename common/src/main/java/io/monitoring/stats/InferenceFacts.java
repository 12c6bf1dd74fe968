package io.monitoring.stats;

import static io.monitoring.model.Columns.*;
import static org.apache.spark.sql.functions.col;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.ingest.PredictionKinds;
import io.monitoring.spark.TagValues;
import io.monitoring.spark.WindowStarts;
import java.io.Serializable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * What the hourly stats take from one inference, read from Spark's internal row of
 * {@link #columns} without copying (strings point into Spark's buffers until the next row): its cap
 * scope, hour, model, version, segment values, serving facts (first configured tag present),
 * finite latency, error flag and prediction items, as {@link InferenceStatsAggregation} defines
 * them. One instance is reused for every row of a partition.
 */
final class InferenceFacts {
    /** The columns read, in this order: the first {@link #SEGMENT_COLUMNS} suffice for the segment values. */
    static final int SCOPE = 0;
    static final int MODEL = 1;
    static final int TAGS_ORDINAL = 2;
    static final int SEGMENT_COLUMNS = 3;
    static final int TIME = 3;
    static final int VERSION = 4;
    static final int LATENCY = 5;
    static final int ERROR = 6;
    static final int KIND = 7;
    static final int LABEL = 8;
    static final int SCORE = 9;
    static final int DETECTIONS = 10;

    private static final UTF8String DETECTION = UTF8String.fromString(PredictionKinds.DETECTION);
    private static final UTF8String CLASSIFICATION = UTF8String.fromString(PredictionKinds.CLASSIFICATION);
    private static final UTF8String NO_CLASS = UTF8String.fromString(InferenceStatsAggregation.NO_CLASS);

    /**
     * How rows are read: the tag keys from the configuration, where a detection box's fields are,
     * and the session's hours. Made on the driver, sent to the executors.
     */
    record Layout(List<String> segmentKeys, List<String> deploymentKeys, List<String> serverVersionKeys,
            int boxFields, int boxClass, int boxConfidence, WindowStarts windows) implements Serializable {
        /** {@code schema}: the schema of the {@link #columns}. */
        static Layout of(MonitoringConfig config, StructType schema, WindowStarts windows) {
            if (!(schema.fields()[DETECTIONS].dataType() instanceof ArrayType boxes
                    && boxes.elementType() instanceof StructType box)) {
                throw new IllegalArgumentException("inferences' " + PREDICTION_DETECTIONS + " is no array of structs: "
                        + schema.fields()[DETECTIONS].dataType().simpleString());
            }
            return new Layout(config.segments().keys(), config.stats().deploymentTypeKeys(), config.stats().serverVersionKeys(),
                    box.size(), box.fieldIndex(DETECTION_CLASS), box.fieldIndex(DETECTION_CONFIDENCE), windows);
        }
    }

    UTF8String scope;
    UTF8String model;
    /** Per segment key, the tag's value; null when the tags lack the key (or hold null for it). */
    final UTF8String[] segmentValues;
    long hourStartMicros;
    UTF8String version;
    UTF8String deploymentType;
    UTF8String serverVersion;
    Double latency;
    BigInteger latencyUnits;
    boolean isError;
    /** The predictions: n of them, each with its class, whether it is its class's first, its confidence. */
    int predictions;
    UTF8String[] predictedClass = new UTF8String[4];
    boolean[] firstOfClass = new boolean[4];
    Double[] confidence = new Double[4];
    BigInteger[] confidenceUnits = new BigInteger[4];

    private final TagValues tags;
    private final int[] segmentSlot;
    private final int[] deploymentSlots;
    private final int[] serverVersionSlots;
    private final int boxFields;
    private final int boxClass;
    private final int boxConfidence;
    private final WindowStarts windows;

    InferenceFacts(Layout keys) {
        LinkedHashSet<String> distinct = new LinkedHashSet<>(keys.segmentKeys());
        distinct.addAll(keys.deploymentKeys());
        distinct.addAll(keys.serverVersionKeys());
        List<String> all = new ArrayList<>(distinct);
        this.tags = new TagValues(all);
        this.segmentSlot = keys.segmentKeys().stream().mapToInt(all::indexOf).toArray();
        this.deploymentSlots = keys.deploymentKeys().stream().mapToInt(all::indexOf).toArray();
        this.serverVersionSlots = keys.serverVersionKeys().stream().mapToInt(all::indexOf).toArray();
        this.segmentValues = new UTF8String[segmentSlot.length];
        this.boxFields = keys.boxFields();
        this.boxClass = keys.boxClass();
        this.boxConfidence = keys.boxConfidence();
        this.windows = keys.windows();
    }

    /** The columns of {@code inferences} read for each inference, in the order of the ordinals above. */
    static Column[] columns(Column capScope) {
        return new Column[] {capScope, col(MODEL_ID), col(TAGS), col(EVENT_TIME), col(MODEL_VERSION), col(LATENCY_MS),
            col(IS_ERROR), col(PREDICTION_KIND), col(PREDICTION_LABEL), col(PREDICTION_SCORE), col(PREDICTION_DETECTIONS)};
    }

    /** The first {@link #SEGMENT_COLUMNS} of a Dataset of the {@link #columns}, by their names there. */
    static Column[] segmentColumns(String capScopeName) {
        return new Column[] {col(capScopeName), col(MODEL_ID), col(TAGS)};
    }

    /** Reads the scope, model and segment values only (a row of the first {@link #SEGMENT_COLUMNS} columns or more). */
    void readSegments(InternalRow row) {
        scope = string(row, SCOPE);
        model = row.getUTF8String(MODEL);
        tags.read(row.isNullAt(TAGS_ORDINAL) ? null : row.getMap(TAGS_ORDINAL));
        for (int k = 0; k < segmentSlot.length; k++) {
            segmentValues[k] = tags.value(segmentSlot[k]);
        }
    }

    /** Reads everything (a row of all the {@link #columns}). */
    void read(InternalRow row) {
        readSegments(row);
        hourStartMicros = windows.start("hour", row.getLong(TIME));
        version = string(row, VERSION);
        deploymentType = firstPresent(deploymentSlots);
        serverVersion = firstPresent(serverVersionSlots);
        latency = finite(row, LATENCY);
        latencyUnits = latency == null ? null : ExactDecimalSum.unscaled(latency, StatsCell.LATENCY_SCALE);
        isError = !row.isNullAt(ERROR) && row.getBoolean(ERROR);
        readPredictions(row);
    }

    private UTF8String firstPresent(int[] slots) {
        for (int slot : slots) {
            if (tags.value(slot) != null) {
                return tags.value(slot);
            }
        }
        return null;
    }

    /** The items' predictions (see {@link InferenceStatsAggregation}). */
    private void readPredictions(InternalRow row) {
        UTF8String kind = string(row, KIND);
        ArrayData boxes = row.isNullAt(DETECTIONS) ? null : row.getArray(DETECTIONS);
        if (isError) {
            onePrediction(NO_CLASS, null);
        } else if (DETECTION.equals(kind) && boxes != null && boxes.numElements() > 0) {
            detections(boxes);
        } else if (CLASSIFICATION.equals(kind) && !row.isNullAt(LABEL)) {
            onePrediction(row.getUTF8String(LABEL), finite(row, SCORE));
        } else {
            onePrediction(NO_CLASS, null);
        }
    }

    private void onePrediction(UTF8String cls, Double conf) {
        ensureCapacity(1);
        predictions = 1;
        predictedClass[0] = cls;
        firstOfClass[0] = true;
        setConfidence(0, conf);
    }

    private void detections(ArrayData boxes) {
        int n = boxes.numElements();
        ensureCapacity(n);
        predictions = n;
        for (int i = 0; i < n; i++) {
            InternalRow box = boxes.isNullAt(i) ? null : boxes.getStruct(i, boxFields);
            UTF8String cls = box == null || box.isNullAt(boxClass) ? null : box.getUTF8String(boxClass);
            predictedClass[i] = cls;
            // array_position(classes, cls) = i + 1: no earlier box of the class; null for a null class
            boolean first = cls != null;
            for (int j = 0; j < i && first; j++) {
                first = !cls.equals(predictedClass[j]);
            }
            firstOfClass[i] = first;
            setConfidence(i, box == null ? null : finite(box, boxConfidence));
        }
    }

    private void setConfidence(int i, Double conf) {
        confidence[i] = conf;
        confidenceUnits[i] = conf == null ? null : ExactDecimalSum.unscaled(conf, StatsCell.CONFIDENCE_SCALE);
    }

    private void ensureCapacity(int n) {
        if (n > predictedClass.length) {
            int size = Math.max(n, predictedClass.length * 2);
            predictedClass = Arrays.copyOf(predictedClass, size);
            firstOfClass = Arrays.copyOf(firstOfClass, size);
            confidence = Arrays.copyOf(confidence, size);
            confidenceUnits = Arrays.copyOf(confidenceUnits, size);
        }
    }

    /** Null for null, NaN and infinities,. */
    private static Double finite(InternalRow row, int ordinal) {
        if (row.isNullAt(ordinal)) {
            return null;
        }
        double value = row.getDouble(ordinal);
        return Double.isFinite(value) ? value : null;
    }

    private static UTF8String string(InternalRow row, int ordinal) {
        return row.isNullAt(ordinal) ? null : row.getUTF8String(ordinal);
    }
}
