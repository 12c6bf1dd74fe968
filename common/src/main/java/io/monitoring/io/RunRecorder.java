package io.monitoring.io;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.model.TableNames;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a job body and leaves its row in {@code pipeline_runs}: the body's result on success, a
 * {@code failed} row with the error's message on failure (then rethrows, so the exit code says so).
 */
public final class RunRecorder {
    private static final Logger LOG = LogManager.getLogger(RunRecorder.class);

    private RunRecorder() {}

    public static String newRunId(String job) {
        return job + "-" + UUID.randomUUID();
    }

    public static PipelineRun record(SparkSession spark, MonitoringConfig config, String job, String runId,
            Supplier<PipelineRun> body) {
        Instant started = Instant.now();
        String table = config.paths().table(TableNames.PIPELINE_RUNS);
        try {
            PipelineRun run = body.get();
            PipelineRunLog.append(spark, table, run);
            LOG.info(run.summary());
            return run;
        } catch (RuntimeException e) {
            PipelineRun failed = new PipelineRun(runId, job, "failed", started, Instant.now(), null, null,
                    List.of(), List.of(), 0, 0, 0, Map.of(), String.valueOf(e.getMessage()));
            try {
                PipelineRunLog.append(spark, table, failed);
            } catch (RuntimeException logFailure) {
                e.addSuppressed(logFailure);
            }
            LOG.error("{} {} failed: {}", job, runId, e.toString());
            throw e;
        }
    }
}
