package io.monitoring.jobs.cli;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.io.PipelineRun;
import io.monitoring.io.RunRecorder;
import io.monitoring.spark.SparkSessionFactory;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/** The body of a job's {@code call()}: a session for one run, the run's summary printed, the session stopped. */
public final class SessionRun {
    private SessionRun() {}

    public static int run(MonitoringConfig config, String appName, Function<SparkSession, PipelineRun> job) {
        SparkSession spark = SparkSessionFactory.create(appName, config.spark());
        try {
            System.out.println(job.apply(spark).summary());
            return 0;
        } finally {
            spark.stop();
        }
    }

    /** The given run id, or a generated one for this job. */
    public static String runId(String job, String given) {
        return given == null ? RunRecorder.newRunId(job) : given;
    }
}
