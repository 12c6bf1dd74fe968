package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.*;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;

import io.monitoring.model.Columns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Inference rows to what the drift aggregations need besides the records ({@link DriftRecords}):
 * the segment value counts and the kept values per key. Pure Dataset functions, no I/O.
 */
public final class DriftInputs {
    private static final String SLICE = "slice";

    private DriftInputs() {}

    /**
     * How many records of each model and side have each segment value: (model_id, side, slice_key,
     * slice_value, n), with the whole model as the null key and value. Small: one row per value seen.
     */
    public static Dataset<Row> sliceCounts(Dataset<Row> rows, List<String> sliceKeys) {
        return rows.select(col(MODEL_ID), col(SIDE), explode(slicesOf(sliceKeys)).as(SLICE))
                .where(col(SLICE + "." + SLICE_KEY).isNull().or(col(SLICE + "." + SLICE_VALUE).isNotNull()))
                .groupBy(col(MODEL_ID), col(SIDE), col(SLICE + "." + SLICE_KEY).as(SLICE_KEY), col(SLICE + "." + SLICE_VALUE).as(SLICE_VALUE))
                .agg(count(lit(1)).as(N));
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

    /**
     * A record's slices as an array of (slice_key, slice_value): the whole model (null key and
     * value), then one per segment key, its value null when the record's tags lack the key. Plain
     * array and struct expressions (code-generated; a {@code filter} lambda is interpreted per row).
     */
    private static Column slicesOf(List<String> sliceKeys) {
        List<Column> parts = new ArrayList<>();
        parts.add(struct(lit(null).cast("string").as(SLICE_KEY), lit(null).cast("string").as(SLICE_VALUE)));
        for (String key : sliceKeys) {
            parts.add(struct(lit(key).as(SLICE_KEY), col(Columns.TAGS).getItem(key).as(SLICE_VALUE)));
        }
        return array(parts.toArray(Column[]::new));
    }
}
