package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.*;
import static io.monitoring.drift.ModelColumns.CATEGORICAL_TYPE;
import static io.monitoring.drift.ModelColumns.EMBEDDING_TYPE;
import static io.monitoring.drift.ModelColumns.NUMERIC_TYPE;

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
 * The histogram cells of one partition's records ({@link DriftRecords}), counted in one pass
 * over Spark's internal rows: each value of a record (every feature, embedding dimension, the
 * prediction, its score and the actual) is binned once, then counted into each slice the record
 * belongs to (the whole model, and one per segment key it has, capped by {@link SliceCaps}). State
 * per partition: slices x columns x cells, independent of the number of records.
 * Output: rows of {@link DriftProfiles#PARTITION_CELLS}.
 */
final class PartitionProfile {

    private final RecordLayout layout;
    private final Map<String, ColumnBins> bins;
    private final SliceCaps caps;
    private final UTF8String[] sliceKeys;
    private final UTF8String otherValue;
    private final Map<UTF8String, ModelColumns> models = new HashMap<>();
    private final Map<SliceKey, SliceCells> slices = new HashMap<>();
    private final Binner binner = new Binner();

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
        binner.columns = columns;
        RecordValues.visit(row, layout, binner);

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

    /** Bins each value of the record being added, against its model's columns. */
    private final class Binner implements RecordValues.Visitor {
        private ModelColumns columns;

        @Override
        public void numeric(UTF8String name, boolean isNull, double x) {
            int c = columns.index(NUMERIC_TYPE, name);
            if (isNull) {
                put(c, BIN_NULL, false, 0, false);
            } else {
                ColumnBins b = columns.bins(c);
                put(c, b.numericBin(x), true, x, b.outOfRange(x));
            }
        }

        @Override
        public void categorical(UTF8String name, UTF8String value) {
            int c = columns.index(CATEGORICAL_TYPE, name);
            put(c, value == null ? BIN_NULL : columns.bins(c).categoryBin(value), false, 0, false);
        }

        @Override
        public void embedding(UTF8String name, int dim, boolean isNull, double x) {
            int c = columns.index(EMBEDDING_TYPE, name);
            if (isNull) {
                put(c, BIN_NULL, false, 0, false);
            } else {
                put(c, dim, true, x, columns.bins(c).outOfRange(x));
            }
        }
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
