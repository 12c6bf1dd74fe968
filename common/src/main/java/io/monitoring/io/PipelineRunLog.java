package io.monitoring.io;

import io.monitoring.model.Schemas;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** Appends run records to the {@code pipeline_runs} Delta table. */
public final class PipelineRunLog {
    private PipelineRunLog() {}

    public static void append(SparkSession spark, String tablePath, PipelineRun run) {
        DeltaTableWriter.append(spark, tablePath, Schemas.PIPELINE_RUN,
                spark.createDataFrame(List.of(run.toRow()), Schemas.PIPELINE_RUN));
    }
}
