package io.monitoring.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import io.monitoring.config.MonitoringConfig;
import io.monitoring.io.DeltaTableWriter;
import io.monitoring.io.PipelineRun;
import io.monitoring.io.RunRecorder;
import io.monitoring.jobs.cli.ConfigOptions;
import io.monitoring.jobs.cli.Instants;
import io.monitoring.jobs.cli.JobLauncher;
import io.monitoring.model.Columns;
import io.monitoring.model.TableNames;
import io.monitoring.spark.SparkSessionFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Maintenance: for each warehouse table with a configured retention, deletes rows older than the
 * retention (by the table's time column, measured from --as-of), compacts small files, and vacuums
 * unreferenced files past {@code maintenance.vacuum-retention}. Output: the same tables, smaller.
 */
@Command(name = "maintenance", mixinStandardHelpOptions = true,
        description = "Delete expired rows, compact small files and vacuum the Delta tables.")
public final class MaintenanceJob implements Callable<Integer> {
    public static final String NAME = "maintenance";

    /** The time column each table's retention is measured on: its partition column where it has one. */
    static final Map<String, String> TIME_COLUMNS = Map.of(
            TableNames.INFERENCES, Columns.EVENT_DATE,
            TableNames.ACTUALS, Columns.ACTUAL_DATE,
            TableNames.QUARANTINE, Columns.LANDED_AT,
            TableNames.PIPELINE_RUNS, Columns.STARTED_AT,
            TableNames.INGESTED_FILES, Columns.INGESTED_AT,
            TableNames.INFERENCE_STATS, Columns.EVENT_DATE,
            TableNames.LABELED_INFERENCES, Columns.EVENT_DATE,
            TableNames.MODEL_QUALITY, "window_date",
            TableNames.DRIFT_METRICS, "window_date");

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--as-of", required = true, paramLabel = "INSTANT", description = "Retention is measured back from this time.")
    String asOf;

    public static void main(String[] args) {
        JobLauncher.exit(new MaintenanceJob(), args);
    }

    @Override
    public Integer call() {
        MonitoringConfig config = configOptions.load();
        SparkSession spark = SparkSessionFactory.create("monitoring-maintenance", config);
        try {
            System.out.println(execute(spark, config, Instants.parse(asOf), RunRecorder.newRunId(NAME)).summary());
            return 0;
        } finally {
            spark.stop();
        }
    }

    public static PipelineRun execute(SparkSession spark, MonitoringConfig config, Instant asOf, String runId) {
        return RunRecorder.record(spark, config, NAME, runId, () -> maintain(spark, config, asOf, runId));
    }

    private static PipelineRun maintain(SparkSession spark, MonitoringConfig config, Instant asOf, String runId) {
        Instant started = Instant.now();
        MonitoringConfig.Maintenance settings = config.maintenance();
        Map<String, Long> metrics = new TreeMap<>();
        List<String> touched = new ArrayList<>();
        long deletedTotal = 0;
        for (Map.Entry<String, String> e : TIME_COLUMNS.entrySet()) {
            String table = e.getKey();
            String path = config.paths().table(table);
            if (!DeltaTableWriter.exists(spark, path)) {
                continue;
            }
            DeltaTable delta = DeltaTable.forPath(spark, path);
            Duration keep = settings.retention().get(table);
            if (keep != null) {
                long deleted = DeltaTableWriter.deleteWhere(spark, path, olderThan(e.getValue(), asOf.minus(keep)).expr().sql());
                metrics.put(table + "_rows_deleted", deleted);
                deletedTotal += deleted;
            }
            if (settings.compact()) {
                delta.optimize().executeCompaction();
            }
            delta.vacuum(Math.max(settings.vacuumRetention().toMillis() / 3_600_000d, 168d));
            touched.add(table);
        }
        metrics.put("tables", (long) touched.size());
        return new PipelineRun(runId, NAME, "succeeded", started, Instant.now(), null, asOf, touched, touched,
                0, 0, 0, metrics, "rows deleted: " + deletedTotal);
    }

    private static Column olderThan(String timeColumn, Instant cutoff) {
        if (timeColumn.endsWith("_date")) {
            return col(timeColumn).lt(lit(LocalDate.ofInstant(cutoff, ZoneOffset.UTC)));
        }
        return col(timeColumn).lt(lit(cutoff));
    }
}
