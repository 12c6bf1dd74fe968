package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;

import io.monitoring.model.Columns;
import io.monitoring.spark.BoundedPartials;
import io.monitoring.spark.columnar.ColumnarRows;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.expressions.Window;

/**
 * Inference rows to what the drift aggregations need besides the records ({@link DriftRecords}):
 * the segment value counts and the kept values per key. Pure Dataset functions, no I/O.
 */
public final class DriftInputs {
    private DriftInputs() {}

    /**
     * How many records of each model and side have each segment value: (model_id, side, slice_key,
     * slice_value, n), with the whole model as the null key and value. Small: one row per value seen.
     */
    public static Dataset<Row> sliceCounts(Dataset<Row> rows, List<String> sliceKeys) {
        List<String> keys = List.copyOf(sliceKeys);
        // a Java loop over the key columns (read in place from the scan's column batches): each
        // row's tags are scanned once for all keys, where a map lookup per key copied every
        // dictionary-encoded tag key it compared
        JavaRDD<InternalRow> partCounts = ColumnarRows.of(rows.select(col(MODEL_ID), col(SIDE), col(Columns.TAGS)))
                .mapPartitions(part -> DriftSliceCounts.count(part, keys, BoundedPartials.MAX_COUNTS_PER_TASK));
        return rows.sparkSession().internalCreateDataFrame(partCounts.rdd(), DriftSliceCounts.SCHEMA, false)
                .groupBy(MODEL_ID, SIDE, SLICE_KEY, SLICE_VALUE)
                .agg(sum(N).as(N));
    }

    /**
     * The {@code max} most frequent values of each segment key per model among {@code counts}
     * ({@link #sliceCounts}, already narrowed to the side that decides): (model_id, slice_key,
     * slice_value). Values outside it become the other-value, so slices stay bounded.
     */
    public static Dataset<Row> topSliceValues(Dataset<Row> counts, int max) {
        return counts.where(col(SLICE_KEY).isNotNull())
                .withColumn("rank", row_number().over(Window.partitionBy(MODEL_ID, SLICE_KEY)
                        .orderBy(col(N).desc(), col(SLICE_VALUE))))
                .where(col("rank").leq(max))
                .select(MODEL_ID, SLICE_KEY, SLICE_VALUE);
    }
}
