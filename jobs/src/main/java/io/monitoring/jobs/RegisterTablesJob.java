package io.monitoring.jobs;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.io.PipelineRun;
import io.monitoring.io.RunRecorder;
import io.monitoring.io.TableCatalog;
import io.monitoring.jobs.cli.ConfigOptions;
import io.monitoring.jobs.cli.JobLauncher;
import io.monitoring.model.TableNames;
import io.monitoring.spark.SparkSessionFactory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Catalog: registers every warehouse table that exists in the configured database
 * ({@code catalog.database}) of the session catalog. Input: the warehouse paths. Output: catalog
 * entries only (no data is written). Safe to run any number of times.
 */
@Command(name = "register-tables", mixinStandardHelpOptions = true,
        description = "Register every Delta table of the warehouse in the catalog database.")
public final class RegisterTablesJob implements Callable<Integer> {
    public static final String NAME = "register-tables";

    @Mixin
    ConfigOptions configOptions;

    public static void main(String[] args) {
        JobLauncher.exit(new RegisterTablesJob(), args);
    }

    @Override
    public Integer call() {
        MonitoringConfig config = configOptions.load();
        SparkSession spark = SparkSessionFactory.create("monitoring-register-tables", config);
        try {
            System.out.println(execute(spark, config, RunRecorder.newRunId(NAME)).summary());
            return 0;
        } finally {
            spark.stop();
        }
    }

    public static PipelineRun execute(SparkSession spark, MonitoringConfig config, String runId) {
        return RunRecorder.record(spark, config, NAME, runId, () -> {
            Instant started = Instant.now();
            Map<String, String> paths = new LinkedHashMap<>();
            for (String table : TableNames.ALL) {
                paths.put(table, config.paths().table(table));
            }
            List<String> registered = TableCatalog.register(spark, config.catalog().database(), paths);
            List<String> qualified = registered.stream().map(t -> config.catalog().database() + "." + t).toList();
            return new PipelineRun(runId, NAME, "succeeded", started, Instant.now(), null, null,
                    List.copyOf(paths.values()), qualified, registered.size(), registered.size(), 0,
                    Map.of("tables", (long) registered.size()), null);
        });
    }
}
