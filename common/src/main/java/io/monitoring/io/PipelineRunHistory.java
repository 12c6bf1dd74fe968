package io.monitoring.io;

import static io.monitoring.model.Columns.*;
import static org.apache.spark.sql.functions.col;

import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads earlier runs back from {@code pipeline_runs}: where an incremental job left off. */
public final class PipelineRunHistory {
    private PipelineRunHistory() {}

    /** The metrics of the latest succeeded run of {@code job}, if any. */
    public static Optional<Map<String, Long>> lastSucceededMetrics(SparkSession spark, String runsTable, String job) {
        if (!DeltaTableWriter.exists(spark, runsTable)) {
            return Optional.empty();
        }
        Row[] last = (Row[]) spark.read().format("delta").load(runsTable)
                .where(col(JOB).equalTo(job).and(col(STATUS).equalTo("succeeded")))
                .orderBy(col(FINISHED_AT).desc(), col(STARTED_AT).desc())
                .select(METRICS).limit(1).collect();
        return last.length == 0 ? Optional.empty() : Optional.of(last[0].getJavaMap(0));
    }
}
