package io.monitoring.jobs.cli;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.io.PipelineRun;
import io.monitoring.io.RunRecorder;
import io.monitoring.spark.SparkSessionFactory;
import io.monitoring.stats.TimeWindow;
import org.apache.spark.sql.SparkSession;

/** The body of {@code call()} of a job that computes a window: config, session, run, summary, exit code. */
public final class WindowedJobRunner {
    /** A job's {@code execute(spark, config, window, runId)}. */
    @FunctionalInterface
    public interface Execute {
        PipelineRun execute(SparkSession spark, MonitoringConfig config, TimeWindow window, String runId);
    }

    private WindowedJobRunner() {}

    public static int run(String job, ConfigOptions configOptions, WindowOptions windowOptions, String runId, Execute execute) {
        MonitoringConfig config = configOptions.load();
        TimeWindow window = windowOptions.window();
        SparkSession spark = SparkSessionFactory.create("monitoring-" + job, config.spark());
        try {
            PipelineRun run = execute.execute(spark, config, window, runId == null ? RunRecorder.newRunId(job) : runId);
            System.out.println(run.summary());
            return 0;
        } finally {
            spark.stop();
        }
    }
}
