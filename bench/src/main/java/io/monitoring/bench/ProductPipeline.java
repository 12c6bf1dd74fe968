package io.monitoring.bench;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.io.PipelineRun;
import io.monitoring.io.RunRecorder;
import io.monitoring.jobs.DriftJob;
import io.monitoring.jobs.IngestJob;
import io.monitoring.jobs.JoinLabelsJob;
import io.monitoring.jobs.PublishJob;
import io.monitoring.jobs.QualityJob;
import io.monitoring.jobs.StatsJob;
import io.monitoring.stats.TimeWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * The product's jobs through their public {@code execute} entry points, in the order the local
 * runner and the daily DAG run them (ingest, join labels, stats, quality, drift, publish), each timed
 * on its own. The catalog job is left out: the bench runs without a metastore.
 */
final class ProductPipeline {
    private final SparkSession spark;
    private final Stopwatch stopwatch;

    ProductPipeline(SparkSession spark, Stopwatch stopwatch) {
        this.spark = spark;
        this.stopwatch = stopwatch;
    }

    /** One job: its name and how it runs given a run id. */
    private record Step(String name, Function<String, PipelineRun> execute) {}

    /** Runs every job for the window; the phases are named {@code prefix.job}, in run order. */
    List<Phase> run(String prefix, MonitoringConfig config, Instant asOf, TimeWindow window) {
        List<Step> steps = List.of(
                new Step(IngestJob.NAME, id -> IngestJob.execute(spark, config, asOf, id)),
                new Step(JoinLabelsJob.NAME, id -> JoinLabelsJob.execute(spark, config, window, id)),
                new Step(StatsJob.NAME, id -> StatsJob.execute(spark, config, window, id)),
                new Step(QualityJob.NAME, id -> QualityJob.execute(spark, config, window, id)),
                new Step(DriftJob.NAME, id -> DriftJob.execute(spark, config, window, id)),
                new Step(PublishJob.NAME, id -> PublishJob.execute(spark, config, window, id)));
        List<Phase> phases = new ArrayList<>();
        for (Step step : steps) {
            phases.add(stopwatch.time(prefix + "." + step.name(),
                    () -> outcome(step.execute().apply(RunRecorder.newRunId(step.name())))));
        }
        return phases;
    }

    private static Stopwatch.Outcome outcome(PipelineRun run) {
        if (!"succeeded".equals(run.status())) {
            throw new IllegalStateException(run.job() + " " + run.status() + ": " + run.message());
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("records_read", run.recordsRead());
        detail.put("records_written", run.recordsWritten());
        detail.put("records_quarantined", run.recordsQuarantined());
        detail.put("metrics", run.metrics());
        return new Stopwatch.Outcome(run.recordsRead(), detail);
    }
}
