package io.monitoring.jobs.cli;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.io.PipelineRun;
import io.monitoring.stats.TimeWindow;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The command line of a job over a time window: config options, {@code --date} or
 * {@code --start/--end}, {@code --run-id}; one session for one run of the job's static
 * {@code execute}.
 */
public abstract class WindowedJobCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions configOptions;

    @Mixin
    WindowOptions windowOptions;

    @Option(names = "--run-id", description = "Id recorded in pipeline_runs (default: generated).")
    String runId;

    /** The job's name in pipeline_runs. */
    protected abstract String jobName();

    /** One run of the job (its static {@code execute}). */
    protected abstract PipelineRun runOnce(SparkSession spark, MonitoringConfig config, TimeWindow window, String runId);

    @Override
    public Integer call() {
        MonitoringConfig config = configOptions.load();
        TimeWindow window = windowOptions.window();
        String id = SessionRun.runId(jobName(), runId);
        return SessionRun.run(config, "monitoring-" + jobName(), spark -> runOnce(spark, config, window, id));
    }
}
