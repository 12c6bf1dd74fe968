package io.monitoring.jobs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The command line every windowed job shares: {@code --config}/{@code --set}, the window
 * ({@code --start/--end} or {@code --date}) and {@code --run-id}; {@code call()} runs the job's
 * {@code execute} through {@link WindowedJobRunner}. Subclasses add their @Command and main.
 */
public abstract class WindowedCommand implements Callable<Integer> {
    @Mixin
    protected ConfigOptions configOptions;

    @Mixin
    protected WindowOptions windowOptions;

    @Option(names = "--run-id", description = "Id recorded in pipeline_runs (default: generated).")
    protected String runId;

    /** The job name used in pipeline_runs and the Spark application name. */
    protected abstract String jobName();

    /** The job's {@code execute(spark, config, window, runId)}. */
    protected abstract WindowedJobRunner.Execute executor();

    @Override
    public final Integer call() {
        return WindowedJobRunner.run(jobName(), configOptions, windowOptions, runId, executor());
    }
}
