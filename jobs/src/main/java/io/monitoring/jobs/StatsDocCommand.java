package io.monitoring.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitoring.config.MonitoringConfig;
import io.monitoring.jobs.cli.ConfigOptions;
import io.monitoring.jobs.cli.JobLauncher;
import io.monitoring.spark.SparkSessionFactory;
import io.monitoring.stats.InferenceStatsDocument;
import io.monitoring.stats.InferenceStatsQuery;
import io.monitoring.stats.InferenceStatsRequest;
import io.monitoring.stats.InvalidStatsRequestException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Prints the {@code GET /:workspace/inference-stats} document (seed 002) for a workspace and range,
 * read from {@code inference_stats} only. Exit code 2 for bad parameters (malformed time, end not
 * after start, unknown workspace, bad slice), like the endpoint's 4xx; 1 if the query fails.
 */
@Command(name = "stats-doc", mixinStandardHelpOptions = true,
        description = "Print the inference-stats JSON document of a workspace for a time range.")
public final class StatsDocCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--workspace", required = true, description = "Workspace whose models are reported.")
    String workspace;

    @Option(names = "--start", required = true, paramLabel = "\"YYYY-MM-DD HH:mm:ss\"",
            description = "Range start, UTC; snapped down to the hour.")
    String start;

    @Option(names = "--end", required = true, paramLabel = "\"YYYY-MM-DD HH:mm:ss\"",
            description = "Range end (exclusive), UTC; snapped up to the hour.")
    String end;

    @Option(names = "--models", paramLabel = "a,b", description = "Comma-separated model names (default: all).")
    String models;

    @Option(names = "--slice", paramLabel = "KEY=VALUE", description = "One segment slice, e.g. region=eu (default: whole models).")
    String slice;

    public static void main(String[] args) {
        JobLauncher.exit(new StatsDocCommand(), args);
    }

    @Override
    public Integer call() {
        MonitoringConfig config = configOptions.load();
        InferenceStatsRequest request;
        try {
            request = InferenceStatsRequest.parse(workspace, start, end, models, slice);
            request.validate(config);
        } catch (InvalidStatsRequestException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        SparkSession spark = SparkSessionFactory.create("monitoring-stats-doc", config.spark());
        try {
            print(spark, config, request, System.out);
            return 0;
        } finally {
            spark.stop();
        }
    }

    /** Writes the document's published bytes to {@code out}. */
    public static void print(SparkSession spark, MonitoringConfig config, InferenceStatsRequest request, OutputStream out) {
        ObjectNode doc = InferenceStatsQuery.document(spark, config, request);
        try {
            out.write(InferenceStatsDocument.toBytes(doc));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
