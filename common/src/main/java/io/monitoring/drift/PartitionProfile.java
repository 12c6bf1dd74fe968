package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.*;
import static io.monitoring.drift.ModelColumns.CATEGORICAL_TYPE;
import static io.monitoring.drift.ModelColumns.EMBEDDING_TYPE;
import static io.monitoring.drift.ModelColumns.NUMERIC_TYPE;

import io.monitoring.ingest.PredictionKinds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The histogram cells of one partition's records ({@link DriftInputs#records}), counted in one pass
 * over Spark's internal rows: each value of a record (every feature, embedding dimension, the
 * prediction, its score and the actual) is binned once, then counted into each slice the record
 * belongs to (the whole model, and one per segment key it has, capped by {@link SliceCaps}). State
 * per partition: slices x columns x cells, independent of the number of records.
 * Output: rows of {@link DriftProfiles#PARTITION_CELLS}.
 */
final class PartitionProfile {
    private static final UTF8String CLASSIFICATION = UTF8String.fromString(PredictionKinds.CLASSIFICATION);
    private static final UTF8String REGRESSION = UTF8String.fromString(PredictionKinds.REGRESSION);
    private static final UTF8String ACTUAL_IS_LABEL = UTF8String.fromString(PredictionKinds.ACTUAL_LABEL);
    private static final UTF8String ACTUAL_IS_NUMBER = UTF8String.fromString(PredictionKinds.ACTUAL_NUMERIC);
    private static final UTF8String PREDICTION_COLUMN = UTF8String.fromString(PREDICTION);
    private static final UTF8String SCORE_COLUMN = UTF8String.fromString(PREDICTION_SCORE);
    private static final UTF8String ACTUAL_COLUMN = UTF8String.fromString(ACTUAL);

    private final RecordLayout layout;
    private final Map<String, ColumnBins> bins;
    private final SliceCaps caps;
    private final UTF8String[] sliceKeys;
    private final UTF8String otherValue;
    private final Map<UTF8String, ModelColumns> models = new HashMap<>();
    private final Map<SliceKey, SliceCells> slices = new HashMap<>();

    // the current record's binned values and slices, reused
    private int values;
    private int[] column = new int[64];
    private int[] bin = new int[64];
    private boolean[] isNumber = new boolean[64];
    private double[] number = new double[64];
    private boolean[] outOfRange = new boolean[64];
    private final UTF8String[] sliceValues;
    private final SliceCells[] recordSlices;

    PartitionProfile(RecordLayout layout, Map<String, ColumnBins> bins, SliceCaps caps) {
        this.layout = layout;
        this.bins = bins;
        this.caps = caps;
        this.sliceKeys = caps.keys().stream().map(UTF8String::fromString).toArray(UTF8String[]::new);
        this.otherValue = UTF8String.fromString(caps.otherValue());
        this.sliceValues = new UTF8String[sliceKeys.length];
        this.recordSlices = new SliceCells[sliceKeys.length + 1];
    }

    /** Counts every row, then returns the partition's cells. */
    Iterator<Row> profile(Iterator<InternalRow> rows) {
        while (rows.hasNext()) {
            add(rows.next());
        }
        return cells().iterator();
    }

    void add(InternalRow row) {
        UTF8String side = row.getUTF8String(layout.side());
        UTF8String model = row.getUTF8String(layout.model());
        UTF8String version = row.isNullAt(layout.version()) ? null : row.getUTF8String(layout.version());
        ModelColumns columns = models.get(model);
        if (columns == null) {
            columns = new ModelColumns(model.toString(), bins, caps);
            models.put(copy(model), columns);
        }
        values = 0;
        addFeatures(row, columns);
        addOutputs(row, columns);

        int count = 0;
        recordSlices[count++] = slice(columns, side, model, version, -1, null);
        readSliceValues(row);
        for (int k = 0; k < sliceKeys.length; k++) {
            UTF8String value = sliceValues[k];
            if (value != null) {
                recordSlices[count++] = slice(columns, side, model, version, k, columns.kept(k, value) ? value : otherValue);
            }
        }
        for (int s = 0; s < count; s++) {
            SliceCells cells = recordSlices[s];
            for (int v = 0; v < values; v++) {
                cells.column(column[v]).add(bin[v], isNumber[v], number[v], outOfRange[v]);
            }
        }
    }

    private void addFeatures(InternalRow row, ModelColumns columns) {
        if (!row.isNullAt(layout.numeric())) {
            MapData map = row.getMap(layout.numeric());
            ArrayData names = map.keyArray();
            ArrayData numbers = map.valueArray();
            for (int i = 0; i < map.numElements(); i++) {
                int c = columns.index(NUMERIC_TYPE, names.getUTF8String(i));
                addNumber(c, columns, numbers.isNullAt(i), numbers.isNullAt(i) ? 0 : numbers.getDouble(i));
            }
        }
        if (!row.isNullAt(layout.categorical())) {
            MapData map = row.getMap(layout.categorical());
            ArrayData names = map.keyArray();
            ArrayData categories = map.valueArray();
            for (int i = 0; i < map.numElements(); i++) {
                int c = columns.index(CATEGORICAL_TYPE, names.getUTF8String(i));
                addCategory(c, columns, categories.isNullAt(i) ? null : categories.getUTF8String(i));
            }
        }
        if (!row.isNullAt(layout.embedding())) {
            MapData map = row.getMap(layout.embedding());
            ArrayData names = map.keyArray();
            ArrayData vectors = map.valueArray();
            for (int i = 0; i < map.numElements(); i++) {
                int c = columns.index(EMBEDDING_TYPE, names.getUTF8String(i));
                ArrayData vector = vectors.isNullAt(i) ? null : vectors.getArray(i);
                if (vector == null || vector.numElements() == 0) {
                    put(c, BIN_NULL, false, 0, false); // a missing or empty vector is one null value
                } else {
                    for (int d = 0; d < vector.numElements(); d++) {
                        if (vector.isNullAt(d)) {
                            put(c, BIN_NULL, false, 0, false);
                        } else {
                            double x = vector.getDouble(d);
                            put(c, d, true, x, columns.bins(c).outOfRange(x));
                        }
                    }
                }
            }
        }
    }

    /** The prediction (its label or value by kind), its score, and the latest actual (its label or value by kind). */
    private void addOutputs(InternalRow row, ModelColumns columns) {
        UTF8String kind = row.isNullAt(layout.predictionKind()) ? null : row.getUTF8String(layout.predictionKind());
        if (CLASSIFICATION.equals(kind)) {
            addCategory(columns.index(CATEGORICAL_TYPE, PREDICTION_COLUMN), columns, string(row, layout.predictionLabel()));
        } else if (REGRESSION.equals(kind)) {
            addNumber(columns.index(NUMERIC_TYPE, PREDICTION_COLUMN), columns, row.isNullAt(layout.predictionValue()),
                    row.isNullAt(layout.predictionValue()) ? 0 : row.getDouble(layout.predictionValue()));
        }
        if (!row.isNullAt(layout.predictionScore())) {
            addNumber(columns.index(NUMERIC_TYPE, SCORE_COLUMN), columns, false, row.getDouble(layout.predictionScore()));
        }
        if (layout.hasActuals() && !row.isNullAt(layout.actualKind())) {
            UTF8String actualKind = row.getUTF8String(layout.actualKind());
            if (ACTUAL_IS_LABEL.equals(actualKind)) {
                addCategory(columns.index(CATEGORICAL_TYPE, ACTUAL_COLUMN), columns, string(row, layout.actualLabel()));
            } else if (ACTUAL_IS_NUMBER.equals(actualKind)) {
                addNumber(columns.index(NUMERIC_TYPE, ACTUAL_COLUMN), columns, row.isNullAt(layout.actualValue()),
                        row.isNullAt(layout.actualValue()) ? 0 : row.getDouble(layout.actualValue()));
            }
        }
    }

    private void addNumber(int c, ModelColumns columns, boolean isNull, double x) {
        if (isNull) {
            put(c, BIN_NULL, false, 0, false);
        } else {
            ColumnBins b = columns.bins(c);
            put(c, b.numericBin(x), true, x, b.outOfRange(x));
        }
    }

    private void addCategory(int c, ModelColumns columns, UTF8String value) {
        put(c, value == null ? BIN_NULL : columns.bins(c).categoryBin(value), false, 0, false);
    }

    private void put(int c, int cell, boolean hasNumber, double x, boolean out) {
        if (values == column.length) {
            int size = values * 2;
            column = Arrays.copyOf(column, size);
            bin = Arrays.copyOf(bin, size);
            isNumber = Arrays.copyOf(isNumber, size);
            number = Arrays.copyOf(number, size);
            outOfRange = Arrays.copyOf(outOfRange, size);
        }
        column[values] = c;
        bin[values] = cell;
        isNumber[values] = hasNumber;
        number[values] = x;
        outOfRange[values] = out;
        values++;
    }

    /** The record's value of each segment key (its tags), null when absent. */
    private void readSliceValues(InternalRow row) {
        Arrays.fill(sliceValues, null);
        if (sliceKeys.length == 0 || row.isNullAt(layout.tags())) {
            return;
        }
        MapData tags = row.getMap(layout.tags());
        ArrayData names = tags.keyArray();
        ArrayData tagValues = tags.valueArray();
        for (int i = 0; i < tags.numElements(); i++) {
            UTF8String name = names.getUTF8String(i);
            for (int k = 0; k < sliceKeys.length; k++) {
                if (sliceValues[k] == null && sliceKeys[k].equals(name) && !tagValues.isNullAt(i)) {
                    sliceValues[k] = tagValues.getUTF8String(i);
                }
            }
        }
    }

    private SliceCells slice(ModelColumns columns, UTF8String side, UTF8String model, UTF8String version, int key, UTF8String value) {
        SliceKey probe = new SliceKey(side, model, version, key, value);
        SliceCells cells = slices.get(probe);
        if (cells == null) {
            SliceKey copy = probe.copy();
            cells = new SliceCells(copy, columns);
            slices.put(copy, cells);
        }
        return cells;
    }

    private List<Row> cells() {
        List<Row> out = new ArrayList<>();
        for (SliceCells s : slices.values()) {
            SliceKey k = s.key;
            String sliceKey = k.key < 0 ? null : caps.keys().get(k.key);
            for (int c = 0; c < s.columns.length; c++) {
                if (s.columns[c] == null) {
                    continue;
                }
                String name = s.model.name(c);
                String type = s.model.type(c);
                s.columns[c].forEachCell((cell, n, nOut, sum, sumSq) -> out.add(RowFactory.create(k.side.toString(),
                        k.model.toString(), string(k.version), sliceKey, string(k.value), name, type, cell, n, nOut, sum, sumSq)));
            }
        }
        return out;
    }

    private static UTF8String string(InternalRow row, int ordinal) {
        return row.isNullAt(ordinal) ? null : row.getUTF8String(ordinal);
    }

    /** A string that owns its bytes (a row's strings point into buffers Spark reuses). */
    static UTF8String copy(UTF8String s) {
        return s == null ? null : UTF8String.fromBytes(s.getBytes().clone());
    }

    private static String string(UTF8String s) {
        return s == null ? null : s.toString();
    }

    /** A slice of one side, model and version: the whole model (key -1) or one segment key's value. */
    private record SliceKey(UTF8String side, UTF8String model, UTF8String version, int key, UTF8String value) {
        SliceKey copy() {
            return new SliceKey(PartitionProfile.copy(side), PartitionProfile.copy(model), PartitionProfile.copy(version), key,
                    PartitionProfile.copy(value));
        }
    }

    /** One slice's cells per column index of its model. */
    private static final class SliceCells {
        private final SliceKey key;
        private final ModelColumns model;
        private ColumnCells[] columns = new ColumnCells[48];

        SliceCells(SliceKey key, ModelColumns model) {
            this.key = key;
            this.model = model;
        }

        ColumnCells column(int index) {
            if (index >= this.columns.length) {
                this.columns = Arrays.copyOf(this.columns, Math.max(index + 1, this.columns.length * 2));
            }
            ColumnCells cells = this.columns[index];
            if (cells == null) {
                cells = new ColumnCells(model.bins(index).cells());
                this.columns[index] = cells;
            }
            return cells;
        }
    }
}
