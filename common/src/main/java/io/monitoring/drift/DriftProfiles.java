package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.*;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The aggregation behind every drift statistic. Each value of the long form
 * ({@link DriftInputs#columnValues}) gets its bin (numeric: edges below it; categorical: its
 * position in the baseline's categories, 0 = other; embedding: its dimension) once, and is counted
 * per side, model, version, segment values, column and bin. Only then are the counts expanded to
 * slices (the whole model plus one per segment key present) and summed again, so the binning and
 * the per-value work do not repeat per slice.
 * Output: one row per side, model_id, model_version, slice, column with its {@code histogram}
 * (cells of bin, n, n_out, sum, sum_sq), a few hundred bytes, small enough to collect.
 */
public final class DriftProfiles {
    private static final Column[] KEYS = {col(SIDE), col(MODEL_ID), col(MODEL_VERSION), col(SLICE_KEY), col(SLICE_VALUE),
        col(COLUMN_NAME), col(COLUMN_TYPE)};
    private static final String SLICE = "slice";

    private DriftProfiles() {}

    /**
     * {@code columnValues} is {@link DriftInputs#columnValues} over {@code sliceKeys}; {@code bins} has the
     * {@link DriftSchemas#BINS} schema. Columns without bins land in cell {@link DriftColumns#BIN_UNBINNED}.
     */
    public static Dataset<Row> profile(Dataset<Row> columnValues, List<String> sliceKeys, Dataset<Row> bins) {
        Dataset<Row> b = bins.select(col(MODEL_ID).as("b_model"), col(COLUMN_NAME).as("b_column"), col(COLUMN_TYPE).as("b_type"),
                col(EDGES), col(CATEGORIES), col(RANGE_MIN), col(RANGE_MAX));
        Dataset<Row> binned = columnValues.join(broadcast(b), col(MODEL_ID).equalTo(col("b_model"))
                        .and(col(COLUMN_NAME).equalTo(col("b_column"))).and(col(COLUMN_TYPE).equalTo(col("b_type"))), "left")
                .withColumn(BIN, bin())
                .withColumn(N_OUT, expr("CASE WHEN " + NUM + " < " + RANGE_MIN + " OR " + NUM + " > " + RANGE_MAX + " THEN 1 ELSE 0 END"));

        List<Column> segmentKeys = new ArrayList<>(List.of(col(SIDE), col(MODEL_ID), col(MODEL_VERSION)));
        for (int i = 0; i < sliceKeys.size(); i++) {
            segmentKeys.add(col(DriftInputs.sliceColumn(i)));
        }
        segmentKeys.addAll(List.of(col(COLUMN_NAME), col(COLUMN_TYPE), col(BIN)));
        Dataset<Row> perSegments = binned.groupBy(segmentKeys.toArray(Column[]::new))
                .agg(count(lit(1)).as(N), sum(col(N_OUT)).cast("long").as(N_OUT), sum(col(NUM)).as(SUM),
                        sum(col(NUM).multiply(col(NUM))).as(SUM_SQ));

        Dataset<Row> perSlice = perSegments
                .select(col(SIDE), col(MODEL_ID), col(MODEL_VERSION),
                        explode(DriftInputs.presentSlices(sliceKeys, DriftInputs::sliceColumn, true)).as(SLICE),
                        col(COLUMN_NAME), col(COLUMN_TYPE), col(BIN), col(N), col(N_OUT), col(SUM), col(SUM_SQ))
                .select(col(SIDE), col(MODEL_ID), col(MODEL_VERSION), col(SLICE + "." + SLICE_KEY).as(SLICE_KEY),
                        col(SLICE + "." + SLICE_VALUE).as(SLICE_VALUE), col(COLUMN_NAME), col(COLUMN_TYPE), col(BIN),
                        col(N), col(N_OUT), col(SUM), col(SUM_SQ));
        Column[] withBin = java.util.Arrays.copyOf(KEYS, KEYS.length + 1);
        withBin[KEYS.length] = col(BIN);
        return perSlice.groupBy(withBin)
                .agg(sum(col(N)).as(N), sum(col(N_OUT)).as(N_OUT), sum(col(SUM)).as(SUM), sum(col(SUM_SQ)).as(SUM_SQ))
                .groupBy(KEYS)
                .agg(collect_list(struct(col(BIN), col(N), col(N_OUT), col(SUM), col(SUM_SQ))).as(HISTOGRAM));
    }

    /** Embedding: its dimension; numeric: the edges below it; categorical: its 1-based position in the categories, 0 = other. */
    private static Column bin() {
        Column type = col(COLUMN_TYPE);
        Column num = col(NUM);
        Column cat = col(CAT);
        return when(type.equalTo(EMBEDDING), when(num.isNull(), lit(BIN_NULL)).otherwise(col(DIM)))
                .when(type.equalTo(NUMERIC), when(num.isNull(), lit(BIN_NULL)).when(col(EDGES).isNull(), lit(BIN_UNBINNED))
                        .otherwise(EdgesBelow.of(col(EDGES), num)))
                .otherwise(when(cat.isNull(), lit(BIN_NULL)).when(col(CATEGORIES).isNull(), lit(BIN_UNBINNED))
                        .otherwise(array_position(col(CATEGORIES), cat)))
                .cast("int");
    }
}
