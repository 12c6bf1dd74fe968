package io.monitoring.drift;

import static io.monitoring.drift.DriftColumns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import io.monitoring.config.MonitoringConfig;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The bins of each model column, from the baseline's values (the whole-model long form of
 * {@link DriftInputs}): numeric edges are baseline percentiles, all features in one
 * {@code percentile_approx} aggregation; categories are the baseline's top K. Schema {@link DriftSchemas#BINS}.
 */
public final class DriftBins {
    private DriftBins() {}

    /** {@code whole}: the baseline's whole-model long form, {@link DriftInputs#columnValues(Dataset)}. */
    public static Dataset<Row> compute(Dataset<Row> whole, MonitoringConfig.Drift settings) {
        return numeric(whole, settings)
                .unionByName(categorical(whole, settings.maxCategories()))
                .unionByName(embedding(whole));
    }

    /**
     * Fine edges: the distinct baseline percentiles 1/F .. (F-1)/F (F = ks-bins); PSI edges: every
     * (F/P)-th of them, i.e. the baseline's 1/P quantiles (P = psi-bins). A value's bin is the number of edges below it.
     */
    static Dataset<Row> numeric(Dataset<Row> whole, MonitoringConfig.Drift settings) {
        int fine = settings.ksBins();
        int step = fine / settings.psiBins();
        Column[] percentages = new Column[fine - 1];
        for (int i = 1; i < fine; i++) {
            percentages[i - 1] = lit((double) i / fine);
        }
        return whole.where(col(COLUMN_TYPE).equalTo(NUMERIC).and(col(NUM).isNotNull()).and(expr("NOT isnan(" + NUM + ")")))
                .groupBy(col(MODEL_ID), col(COLUMN_NAME))
                .agg(percentile_approx(col(NUM), org.apache.spark.sql.functions.array(percentages),
                                lit(settings.percentileAccuracy())).as("pct"),
                        min(col(NUM)).as(RANGE_MIN), max(col(NUM)).as(RANGE_MAX))
                .select(col(MODEL_ID), col(COLUMN_NAME), lit(NUMERIC).as(COLUMN_TYPE),
                        expr("array_distinct(pct)").as(EDGES),
                        expr("array_distinct(transform(sequence(1, " + (settings.psiBins() - 1) + "), i -> element_at(pct, i * " + step + ")))").as(PSI_EDGES),
                        lit(null).cast("array<string>").as(CATEGORIES), col(RANGE_MIN), col(RANGE_MAX));
    }

    /** The K most frequent categories, most frequent first (ties by name); everything else is bin 0, "other". */
    static Dataset<Row> categorical(Dataset<Row> whole, int maxCategories) {
        return whole.where(col(COLUMN_TYPE).equalTo(CATEGORICAL).and(col(CAT).isNotNull()))
                .groupBy(col(MODEL_ID), col(COLUMN_NAME), col(CAT))
                .agg(count(lit(1)).as(N))
                .withColumn("rank", row_number().over(Window.partitionBy(MODEL_ID, COLUMN_NAME).orderBy(col(N).desc(), col(CAT))))
                .where(col("rank").leq(maxCategories))
                .groupBy(col(MODEL_ID), col(COLUMN_NAME))
                .agg(sort_array(collect_list(struct(col("rank"), col(CAT)))).as("ranked"))
                .select(col(MODEL_ID), col(COLUMN_NAME), lit(CATEGORICAL).as(COLUMN_TYPE),
                        lit(null).cast("array<double>").as(EDGES), lit(null).cast("array<double>").as(PSI_EDGES),
                        expr("transform(ranked, r -> r." + CAT + ")").as(CATEGORIES),
                        lit(null).cast("double").as(RANGE_MIN), lit(null).cast("double").as(RANGE_MAX));
    }

    /** Embeddings need no bins (their cells are dimensions); the row records that the baseline has the column. */
    static Dataset<Row> embedding(Dataset<Row> whole) {
        return whole.where(col(COLUMN_TYPE).equalTo(EMBEDDING))
                .select(col(MODEL_ID), col(COLUMN_NAME)).distinct()
                .select(col(MODEL_ID), col(COLUMN_NAME), lit(EMBEDDING).as(COLUMN_TYPE),
                        lit(null).cast("array<double>").as(EDGES), lit(null).cast("array<double>").as(PSI_EDGES),
                        lit(null).cast("array<string>").as(CATEGORIES),
                        lit(null).cast("double").as(RANGE_MIN), lit(null).cast("double").as(RANGE_MAX));
    }
}
