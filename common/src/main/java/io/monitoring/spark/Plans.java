package io.monitoring.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.LogicalRDD$;

/**
 * Cuts a Dataset's logical plan down to one leaf over the same rows.
 *
 * <p>Why: Spark analyses every new Dataset over its whole logical plan, and a plan that joins
 * many aggregates derived from one relation makes the analyzer's DeduplicateRelations rule walk
 * and rewrite the entire tree again for every join. The quality metrics (a dozen aggregates of
 * one set of evaluation rows, joined back together) spent over a minute there for a few rows.
 * Behind a leaf, each step sees a small plan. Unlike {@code localCheckpoint}, the leaf keeps the
 * RDD lineage, so a lost executor's partitions are recomputed (from the cache when the input is
 * persisted) instead of failing the job. This is what Dataset.checkpoint does internally; it uses
 * Spark's LogicalRDD.fromDataset, stable across the 3.4 and 3.5 lines.
 */
public final class Plans {
    private Plans() {}

    /** The same rows (and schema) behind a plan with no history; lazy except for adaptive stages already planned. */
    public static Dataset<Row> detached(Dataset<Row> rows) {
        return Dataset.ofRows(rows.sparkSession(),
                LogicalRDD$.MODULE$.fromDataset(rows.queryExecution().toRdd(), rows, rows.isStreaming()));
    }
}
