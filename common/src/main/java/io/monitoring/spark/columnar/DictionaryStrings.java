package io.monitoring.spark.columnar;

import java.util.Arrays;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarArray;
import org.apache.spark.sql.vectorized.ColumnarMap;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Column vectors of one batch whose dictionary-encoded strings are decoded once per dictionary id
 * instead of once per value: Spark's Parquet vectors copy the dictionary entry's bytes on every
 * {@code getUTF8String}, and a feature map repeats the same few dozen names in every row. Wraps a
 * string column, and the string keys and values of a map column; other vectors are returned as
 * they are. A wrapper belongs to one batch: the Parquet reader fills a batch from one row group,
 * with one dictionary per column, or decodes it when a page falls back to plain encoding.
 */
final class DictionaryStrings {
    private DictionaryStrings() {}

    /** {@code vector}, reading strings through a per-batch cache where it has them. */
    static ColumnVector wrap(ColumnVector vector) {
        if (!(vector instanceof WritableColumnVector writable)) {
            return vector;
        }
        if (vector.dataType() instanceof StringType) {
            return new Strings(writable);
        }
        if (vector.dataType() instanceof MapType) {
            ColumnVector keys = wrap(writable.getChild(0));
            ColumnVector values = wrap(writable.getChild(1));
            if (keys != writable.getChild(0) || values != writable.getChild(1)) {
                return new Maps(writable, keys, values);
            }
        }
        return vector;
    }

    /** A string column; each dictionary id's string is decoded on first use. */
    static final class Strings extends Delegating {
        private UTF8String[] byId = new UTF8String[64];

        Strings(WritableColumnVector vector) {
            super(vector);
        }

        @Override
        public UTF8String getUTF8String(int rowId) {
            if (!vector.hasDictionary() || vector.isNullAt(rowId)) {
                return vector.getUTF8String(rowId);
            }
            int id = vector.getDictionaryIds().getDictId(rowId);
            if (id >= byId.length) {
                byId = Arrays.copyOf(byId, Math.max(id + 1, byId.length * 2));
            }
            UTF8String s = byId[id];
            if (s == null) {
                // the decoded bytes are a fresh copy, so the string can be shared by every row
                s = vector.getUTF8String(rowId);
                byId[id] = s;
            }
            return s;
        }
    }

    /** A map column whose keys and values (when strings) read through {@link Strings}. */
    static final class Maps extends Delegating {
        private final ColumnVector keys;
        private final ColumnVector values;

        Maps(WritableColumnVector vector, ColumnVector keys, ColumnVector values) {
            super(vector);
            this.keys = keys;
            this.values = values;
        }

        @Override
        public ColumnarMap getMap(int rowId) {
            if (vector.isNullAt(rowId)) {
                return null;
            }
            return new ColumnarMap(keys, values, vector.getArrayOffset(rowId), vector.getArrayLength(rowId));
        }

        @Override
        public ColumnVector getChild(int ordinal) {
            return ordinal == 0 ? keys : values;
        }
    }

    /** Every read not overridden goes to the wrapped vector. */
    abstract static class Delegating extends ColumnVector {
        final WritableColumnVector vector;

        Delegating(WritableColumnVector vector) {
            super(vector.dataType());
            this.vector = vector;
        }

        @Override
        public void close() {
            // the scan owns and closes the wrapped vector
        }

        @Override
        public boolean hasNull() {
            return vector.hasNull();
        }

        @Override
        public int numNulls() {
            return vector.numNulls();
        }

        @Override
        public boolean isNullAt(int rowId) {
            return vector.isNullAt(rowId);
        }

        @Override
        public boolean getBoolean(int rowId) {
            return vector.getBoolean(rowId);
        }

        @Override
        public byte getByte(int rowId) {
            return vector.getByte(rowId);
        }

        @Override
        public short getShort(int rowId) {
            return vector.getShort(rowId);
        }

        @Override
        public int getInt(int rowId) {
            return vector.getInt(rowId);
        }

        @Override
        public long getLong(int rowId) {
            return vector.getLong(rowId);
        }

        @Override
        public float getFloat(int rowId) {
            return vector.getFloat(rowId);
        }

        @Override
        public double getDouble(int rowId) {
            return vector.getDouble(rowId);
        }

        @Override
        public ColumnarArray getArray(int rowId) {
            return vector.getArray(rowId);
        }

        @Override
        public ColumnarMap getMap(int rowId) {
            return vector.getMap(rowId);
        }

        @Override
        public Decimal getDecimal(int rowId, int precision, int scale) {
            return vector.getDecimal(rowId, precision, scale);
        }

        @Override
        public UTF8String getUTF8String(int rowId) {
            return vector.getUTF8String(rowId);
        }

        @Override
        public byte[] getBinary(int rowId) {
            return vector.getBinary(rowId);
        }

        @Override
        public ColumnVector getChild(int ordinal) {
            return vector.getChild(ordinal);
        }
    }
}
