package io.monitoring.jobs;

import static io.monitoring.model.Columns.*;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.ingest.BatchCensus;
import io.monitoring.ingest.IngestRules;
import io.monitoring.ingest.IngestTransforms;
import io.monitoring.ingest.LandingReader;
import io.monitoring.io.DeltaTableWriter;
import io.monitoring.io.InPlaceWrite;
import io.monitoring.io.IngestedFiles;
import io.monitoring.io.LandingFile;
import io.monitoring.io.LandingFileLister;
import io.monitoring.io.PipelineRun;
import io.monitoring.io.RunRecorder;
import io.monitoring.jobs.cli.ConfigOptions;
import io.monitoring.jobs.cli.Instants;
import io.monitoring.jobs.cli.JobLauncher;
import io.monitoring.model.Schemas;
import io.monitoring.model.TableNames;
import io.monitoring.spark.SparkSessionFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Ingest: landing JSON lines (Guardian records, Guardian batch envelopes, Arize records; plain or
 * gzip) under {@code <landing>/inferences} and {@code <landing>/actuals} into the Delta tables
 * {@code inferences} (grain: one row per model_id, inference_id), {@code actuals} (one row per
 * distinct actual record) and {@code quarantine} (one row per rejected record, line or file).
 * Reads only the files missing from the {@code ingested_files} ledger (new or changed since they
 * were read). Rerunnable: keys already present are never inserted again. Appends one
 * {@code pipeline_runs} row where records read = records written + records quarantined.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Read landing logs into the inferences, actuals and quarantine Delta tables.")
public final class IngestJob implements Callable<Integer> {
    public static final String NAME = "ingest";

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--as-of", required = true, paramLabel = "INSTANT",
            description = "The run's notion of now: record ages and future limits are measured from it (e.g. the Airflow data_interval_end).")
    String asOf;

    @Option(names = "--run-id", description = "Id recorded in pipeline_runs (default: generated).")
    String runId;

    @Option(names = "--all-files",
            description = "Read every landing file again, not only those missing from the ingested_files ledger (keys already ingested are still skipped).")
    boolean allFiles;

    public static void main(String[] args) {
        JobLauncher.exit(new IngestJob(), args);
    }

    @Override
    public Integer call() {
        MonitoringConfig config = configOptions.load();
        Instant asOfTime = Instants.parse(asOf);
        SparkSession spark = SparkSessionFactory.create("monitoring-ingest", config);
        try {
            PipelineRun run = execute(spark, config, asOfTime, runId == null ? RunRecorder.newRunId(NAME) : runId, allFiles);
            System.out.println(run.summary());
            return 0;
        } finally {
            spark.stop();
        }
    }

    /** Runs ingest once over the files not read before and records it; safe to call again on the same landing. */
    public static PipelineRun execute(SparkSession spark, MonitoringConfig config, Instant asOf, String runId) {
        return execute(spark, config, asOf, runId, false);
    }

    /** As {@link #execute(SparkSession, MonitoringConfig, Instant, String)}; {@code allFiles} ignores the file ledger. */
    public static PipelineRun execute(SparkSession spark, MonitoringConfig config, Instant asOf, String runId, boolean allFiles) {
        return RunRecorder.record(spark, config, NAME, runId,
                () -> ingest(spark, config, asOf, runId, listLanding(spark.sparkContext().hadoopConfiguration(), config), allFiles));
    }

    /**
     * Ingests files listed earlier by {@link #listLanding} (those not in the ledger yet). Listing and
     * reading are apart in time on any store, so a file may be gone when a task opens it: it is
     * quarantined as file_vanished.
     */
    public static PipelineRun execute(SparkSession spark, MonitoringConfig config, Instant asOf, String runId,
            List<LandingFile> listed) {
        return RunRecorder.record(spark, config, NAME, runId, () -> ingest(spark, config, asOf, runId, listed, false));
    }

    /** Every landing file under inferences/ and actuals/ that ingest reads. */
    public static List<LandingFile> listLanding(Configuration hadoopConf, MonitoringConfig config) {
        List<LandingFile> files = new ArrayList<>();
        files.addAll(LandingFileLister.list(hadoopConf, config.paths().landingInferences(), config.ingest().fileSuffixes()));
        files.addAll(LandingFileLister.list(hadoopConf, config.paths().landingActuals(), config.ingest().fileSuffixes()));
        return files;
    }

    /** The least landing input a write task is given when the tasks are spread to fill whole waves of the cores. */
    private static final long MIN_WRITE_TASK_BYTES = 8L << 20;

    /**
     * How one kind of the cached batch is written: by tasks that each take their share of the cached
     * partitions (the batch's rows are already spread over the executors), up to Spark's
     * {@code spark.sql.files.maxPartitionBytes} of landing input each, unless that would make many
     * more files than optimized writes' shuffle (see {@link InPlaceWrite}).
     */
    private static InPlaceWrite writePlan(SparkSession spark, Dataset<Row> parsed, long landingBytes, BatchCensus.Kind kind) {
        long maxBytes = spark.sessionState().conf().filesMaxPartitionBytes();
        return InPlaceWrite.plan(landingBytes, kind.dates().size(), parsed.queryExecution().toRdd().getNumPartitions(),
                spark.sparkContext().defaultParallelism(), maxBytes, MIN_WRITE_TASK_BYTES);
    }

    private static PipelineRun ingest(SparkSession spark, MonitoringConfig config, Instant asOf, String runId,
            List<LandingFile> listed, boolean allFiles) {
        Instant started = Instant.now();
        String ledger = config.paths().table(TableNames.INGESTED_FILES);
        List<LandingFile> files = allFiles ? listed : IngestedFiles.notYetIngested(spark, ledger, listed);
        IngestRules rules = IngestRules.of(asOf, config, System.getenv());
        Dataset<Row> parsed = BatchCensus.withKeys(LandingReader.read(spark, files, rules)).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            BatchCensus census = BatchCensus.of(parsed);
            Dataset<Row> inferences = IngestTransforms.inferences(parsed, census.inferences());
            Dataset<Row> actuals = IngestTransforms.actuals(parsed, census.actuals());
            Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
            long newInferences = DeltaTableWriter.insertNew(spark, config.paths().table(TableNames.INFERENCES), Schemas.INFERENCE,
                    inferences, List.of(MODEL_ID, INFERENCE_ID), EVENT_DATE, census.inferences().dates(),
                    writePlan(spark, parsed, LandingFileLister.bytesUnder(hadoopConf, config.paths().landingInferences(), files),
                            census.inferences()));
            long newActuals = DeltaTableWriter.insertNew(spark, config.paths().table(TableNames.ACTUALS), Schemas.ACTUAL,
                    actuals, List.of(ACTUAL_ID), ACTUAL_DATE, census.actuals().dates(),
                    writePlan(spark, parsed, LandingFileLister.bytesUnder(hadoopConf, config.paths().landingActuals(), files),
                            census.actuals()));
            // most batches reject nothing: no MERGE, which would read the whole cached batch to find no rows
            String quarantinePath = config.paths().table(TableNames.QUARANTINE);
            long newQuarantine = 0;
            if (census.quarantine().records() == 0) {
                DeltaTableWriter.ensure(spark, quarantinePath, Schemas.QUARANTINE_ROW, null);
            } else {
                newQuarantine = DeltaTableWriter.insertNew(spark, quarantinePath, Schemas.QUARANTINE_ROW,
                        IngestTransforms.quarantine(parsed, census.quarantine()), List.of(QUARANTINE_ID), null, null);
            }

            // after the tables: a crash before this line only makes the next run read these files again
            IngestedFiles.record(spark, ledger, files, runId, Instant.now());

            Map<String, Long> metrics = new TreeMap<>();
            metrics.put("files", (long) files.size());
            metrics.put("files_listed", (long) listed.size());
            metrics.put("inference_records", census.inferences().records());
            metrics.put("actual_records", census.actuals().records());
            metrics.put("inferences_inserted", newInferences);
            metrics.put("actuals_inserted", newActuals);
            metrics.put("quarantine_inserted", newQuarantine);
            return new PipelineRun(runId, NAME, "succeeded", started, Instant.now(), null, asOf,
                    List.of(config.paths().landingInferences(), config.paths().landingActuals()),
                    List.of(TableNames.INFERENCES, TableNames.ACTUALS, TableNames.QUARANTINE, TableNames.INGESTED_FILES),
                    census.read(), census.read() - census.quarantine().records(), census.quarantine().records(), metrics, null);
        } finally {
            parsed.unpersist();
        }
    }
}
