package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import io.monitoring.spark.columnar.ColumnarRows;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The aggregation behind every drift statistic. Each partition of the records
 * ({@link DriftRecords}, both parts) is counted in one pass ({@link PartitionProfile}): every value is
 * binned once (numeric: edges below it; categorical: its position in the baseline's categories,
 * 0 = other; embedding: its dimension) and counted per side, model, version, slice (the whole model
 * and one per segment key present, capped), column and bin. Spark then sums the partitions' cells.
 * The records are never exploded into one row per value.
 * Output: one row per side, model_id, model_version, slice, column with its {@code histogram}
 * (cells of bin, n, n_out, sum, sum_sq), a few hundred bytes, small enough to collect.
 */
public final class DriftProfiles {
    private static final Column[] KEYS = {col(SIDE), col(MODEL_ID), col(MODEL_VERSION), col(SLICE_KEY), col(SLICE_VALUE),
        col(COLUMN_NAME), col(COLUMN_TYPE)};

    /** One partition's cells: the profile's keys, the bin and the cell's sums. */
    static final StructType PARTITION_CELLS = new StructType()
            .add(SIDE, DataTypes.StringType, false)
            .add(MODEL_ID, DataTypes.StringType, false)
            .add(MODEL_VERSION, DataTypes.StringType, true)
            .add(SLICE_KEY, DataTypes.StringType, true)
            .add(SLICE_VALUE, DataTypes.StringType, true)
            .add(COLUMN_NAME, DataTypes.StringType, false)
            .add(COLUMN_TYPE, DataTypes.StringType, false)
            .add(BIN, DataTypes.IntegerType, false)
            .add(N, DataTypes.LongType, false)
            .add(N_OUT, DataTypes.LongType, false)
            .add(SUM, DataTypes.DoubleType, true)
            .add(SUM_SQ, DataTypes.DoubleType, true);

    private DriftProfiles() {}

    /**
     * {@code records}: {@link DriftRecords}; {@code bins}: the bins of each model column (a
     * column without them lands in cell {@link DriftColumns#BIN_UNBINNED}); {@code caps}: the
     * segment keys and the values kept per key.
     */
    public static Dataset<Row> profile(DriftRecords records, List<BinSpec> bins, SliceCaps caps) {
        Map<String, ColumnBins> byColumn = new HashMap<>();
        for (BinSpec b : bins) {
            byColumn.put(ModelColumns.binsKey(b.modelId(), b.type(), b.column()), ColumnBins.of(b));
        }
        JavaRDD<Row> cells = null;
        for (Dataset<Row> part : records.parts()) {
            RecordLayout layout = RecordLayout.of(part.schema());
            JavaRDD<Row> partCells = ColumnarRows.of(part)
                    .mapPartitions(rows -> new PartitionProfile(layout, byColumn, caps).profile(rows));
            cells = cells == null ? partCells : cells.union(partCells);
        }
        Column[] withBin = java.util.Arrays.copyOf(KEYS, KEYS.length + 1);
        withBin[KEYS.length] = col(BIN);
        return records.predictions().sparkSession().createDataFrame(cells, PARTITION_CELLS)
                .groupBy(withBin)
                .agg(sum(col(N)).as(N), sum(col(N_OUT)).as(N_OUT), sum(col(SUM)).as(SUM), sum(col(SUM_SQ)).as(SUM_SQ))
                .groupBy(KEYS)
                .agg(collect_list(struct(col(BIN), col(N), col(N_OUT), col(SUM), col(SUM_SQ))).as(HISTOGRAM));
    }
}
