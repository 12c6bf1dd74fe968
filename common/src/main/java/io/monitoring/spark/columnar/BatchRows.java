package io.monitoring.spark.columnar;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.BasePredicate;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Predicate;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * One partition's rows of a {@link ScanProjection}, as views over the scan's column batches: each
 * batch's columns are wrapped once ({@link DictionaryStrings}), the filter is evaluated on the
 * batch's row, and a kept row is handed out as a row of the projected columns, read in place. Like
 * Spark's own row iterators, the row handed out is reused: read it before asking for the next.
 */
final class BatchRows implements Iterator<InternalRow> {
    private final Iterator<ColumnarBatch> batches;
    private final ScanProjection projection;
    private final BasePredicate filter;
    private final ComputedColumns computed;

    private ColumnarBatch input;
    private ColumnarBatch output;
    private int next;
    private boolean ready;

    BatchRows(Iterator<ColumnarBatch> batches, ScanProjection projection) {
        this.batches = batches;
        this.projection = projection;
        Expression condition = projection.filter();
        scala.collection.Seq<Attribute> input = seq(projection.input());
        this.filter = condition == null ? null : Predicate.create(condition, input);
        if (filter != null) {
            filter.initialize(TaskContext.getPartitionId());
        }
        this.computed = projection.computed().isEmpty() ? null
                : new ComputedColumns(UnsafeProjection.create(seq(projection.computed()), input));
    }

    private static <T> scala.collection.Seq<T> seq(List<T> values) {
        return scala.collection.JavaConverters.asScalaBuffer(values).toList();
    }

    @Override
    public boolean hasNext() {
        while (!ready) {
            if (input != null && next < input.numRows()) {
                if (filter == null || filter.eval(input.getRow(next))) {
                    ready = true;
                } else {
                    next++;
                }
            } else if (batches.hasNext()) {
                open(batches.next());
            } else {
                return false;
            }
        }
        return true;
    }

    @Override
    public InternalRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ready = false;
        return output.getRow(next++);
    }

    private void open(ColumnarBatch batch) {
        ColumnVector[] scanned = new ColumnVector[batch.numCols()];
        for (int i = 0; i < scanned.length; i++) {
            scanned[i] = DictionaryStrings.wrap(batch.column(i));
        }
        input = new ColumnarBatch(scanned, batch.numRows());
        if (computed != null) {
            // its own view of the batch: evaluating it must not move the row the filter reads
            computed.reset(new ColumnarBatch(scanned, batch.numRows()));
        }
        List<ColumnVector> columns = new ArrayList<>();
        int[] read = projection.readOrdinals();
        for (int i = 0; i < read.length; i++) {
            columns.add(read[i] >= 0 ? scanned[read[i]] : computed.column(-read[i] - 1, projection.types()[i]));
        }
        output = new ColumnarBatch(columns.toArray(ColumnVector[]::new), batch.numRows());
        next = 0;
    }
}
