package io.monitoring.spark.columnar;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarArray;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.sql.vectorized.ColumnarMap;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The columns of a projection that are computed, not read (a literal, a CASE over the scanned
 * columns), for one batch: all of them are evaluated together, once per row asked for, by one
 * generated projection over the batch's row. Only atomic types ({@link ColumnarRows} falls back
 * to rows for others), as a vector cannot hand out a computed array or map.
 */
final class ComputedColumns {
    private final UnsafeProjection projection;
    private ColumnarBatch input;
    private int rowId = -1;
    private InternalRow values;

    /** {@code projection}: of the computed columns, over the batch's columns. */
    ComputedColumns(UnsafeProjection projection) {
        this.projection = projection;
    }

    void reset(ColumnarBatch batch) {
        this.input = batch;
        this.rowId = -1;
    }

    /** The vector of the {@code index}-th computed column. */
    ColumnVector column(int index, DataType type) {
        return new Column(index, type);
    }

    private InternalRow at(int row) {
        if (row != rowId) {
            values = projection.apply(input.getRow(row));
            rowId = row;
        }
        return values;
    }

    private final class Column extends ColumnVector {
        private final int index;

        Column(int index, DataType type) {
            super(type);
            this.index = index;
        }

        @Override
        public void close() {}

        @Override
        public boolean hasNull() {
            return true;
        }

        @Override
        public int numNulls() {
            throw new UnsupportedOperationException("computed column: null count unknown");
        }

        @Override
        public boolean isNullAt(int rowId) {
            return at(rowId).isNullAt(index);
        }

        @Override
        public boolean getBoolean(int rowId) {
            return at(rowId).getBoolean(index);
        }

        @Override
        public byte getByte(int rowId) {
            return at(rowId).getByte(index);
        }

        @Override
        public short getShort(int rowId) {
            return at(rowId).getShort(index);
        }

        @Override
        public int getInt(int rowId) {
            return at(rowId).getInt(index);
        }

        @Override
        public long getLong(int rowId) {
            return at(rowId).getLong(index);
        }

        @Override
        public float getFloat(int rowId) {
            return at(rowId).getFloat(index);
        }

        @Override
        public double getDouble(int rowId) {
            return at(rowId).getDouble(index);
        }

        @Override
        public Decimal getDecimal(int rowId, int precision, int scale) {
            return at(rowId).getDecimal(index, precision, scale);
        }

        @Override
        public UTF8String getUTF8String(int rowId) {
            return at(rowId).getUTF8String(index);
        }

        @Override
        public byte[] getBinary(int rowId) {
            return at(rowId).getBinary(index);
        }

        @Override
        public ColumnarArray getArray(int rowId) {
            throw new UnsupportedOperationException("computed column of atomic type");
        }

        @Override
        public ColumnarMap getMap(int rowId) {
            throw new UnsupportedOperationException("computed column of atomic type");
        }

        @Override
        public ColumnVector getChild(int ordinal) {
            throw new UnsupportedOperationException("computed column of atomic type");
        }
    }
}
