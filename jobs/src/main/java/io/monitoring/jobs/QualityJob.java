package io.monitoring.jobs;

import static io.monitoring.model.Columns.*;
import static io.monitoring.quality.QualityColumns.WINDOW_DATE;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.config.QualitySettings;
import io.monitoring.io.DeltaChanges;
import io.monitoring.io.DeltaTableWriter;
import io.monitoring.io.PipelineRun;
import io.monitoring.io.PipelineRunHistory;
import io.monitoring.io.RunRecorder;
import io.monitoring.jobs.cli.JobLauncher;
import io.monitoring.jobs.cli.WindowedCommand;
import io.monitoring.jobs.cli.WindowedJobRunner;
import io.monitoring.model.TableNames;
import io.monitoring.quality.DateSets;
import io.monitoring.quality.QualityMetrics;
import io.monitoring.quality.QualitySchemas;
import io.monitoring.quality.QualityTables;
import io.monitoring.spark.CachedParts;
import io.monitoring.stats.TimeWindow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine.Command;

/**
 * Quality: {@code labeled_inferences} into {@code model_quality} (grain: granularity, window_start,
 * model_id, model_version, slice_key, slice_value; partitioned by window_date), realized metrics
 * beside the CBPE estimate.
 *
 * <p>Recomputes whole UTC days: those overlapping the given window, plus the event dates of
 * labeled_inferences rewritten since the last succeeded quality run (late actuals), read from the
 * Delta log. Each day's rows (its hour windows and the day window) are replaced whole.
 */
@Command(name = "quality", mixinStandardHelpOptions = true,
        description = "Compute model_quality per window, model, version and slice from labeled_inferences.")
public final class QualityJob extends WindowedCommand {
    public static final String NAME = "quality";
    static final String LABELED_VERSION = "labeled_inferences_version";

    public static void main(String[] args) {
        JobLauncher.exit(new QualityJob(), args);
    }

    @Override
    protected String jobName() {
        return NAME;
    }

    @Override
    protected WindowedJobRunner.Execute executor() {
        return QualityJob::execute;
    }

    public static PipelineRun execute(SparkSession spark, MonitoringConfig config, TimeWindow window, String runId) {
        return RunRecorder.record(spark, config, NAME, runId, () -> compute(spark, config, window, runId));
    }

    private static PipelineRun compute(SparkSession spark, MonitoringConfig config, TimeWindow window, String runId) {
        Instant started = Instant.now();
        String labeledPath = config.paths().table(QualityTables.LABELED_INFERENCES);
        String outPath = config.paths().table(QualityTables.MODEL_QUALITY);
        Map<String, Long> metrics = new TreeMap<>();
        List<String> inputs = List.of(QualityTables.LABELED_INFERENCES);
        List<String> outputs = List.of(QualityTables.MODEL_QUALITY);
        if (!DeltaTableWriter.exists(spark, labeledPath)) {
            return new PipelineRun(runId, NAME, "succeeded", started, Instant.now(), window.start(), window.end(),
                    inputs, outputs, 0, 0, 0, metrics, "no labeled_inferences table yet");
        }
        long version = DeltaChanges.latestVersion(spark, labeledPath);
        SortedSet<LocalDate> days = new TreeSet<>(DateSets.daysOf(window));
        Optional<Map<String, Long>> last = PipelineRunHistory.lastSucceededMetrics(spark,
                config.paths().table(TableNames.PIPELINE_RUNS), NAME);
        if (last.isPresent() && last.get().containsKey(LABELED_VERSION)) {
            Optional<Set<String>> touched = DeltaChanges.addedPartitions(spark, labeledPath, last.get().get(LABELED_VERSION), version, EVENT_DATE);
            touched.ifPresent(t -> t.forEach(d -> days.add(LocalDate.parse(d))));
        }

        Dataset<Row> all = spark.read().format("delta").option("versionAsOf", version).load(labeledPath);
        QualitySettings.Cbpe cbpe = config.quality().cbpe();
        Dataset<Row> reference = null;
        if (cbpe.enabled()) {
            long offset = DateSets.ceilDays(cbpe.referenceOffset());
            long length = DateSets.ceilDays(cbpe.referenceLength());
            reference = all.where(DateSets.betweenPredicate(EVENT_DATE, days.first().minusDays(offset + length), days.last().minusDays(offset)));
        }
        QualityMetrics.Params params = QualityMetrics.Params.of(config);
        Dataset<Row> labeled = all.where(DateSets.inPredicate(EVENT_DATE, days));
        // the cached rows' partitions grow with the days' rows (a Delta count: file statistics or a column-free scan)
        int partitions = QualityMetrics.cachePartitions(labeled.count(), Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions")));
        Dataset<Row> rows = QualityMetrics.evaluationRows(labeled, params, partitions)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try (CachedParts parts = new CachedParts()) {
            // one evaluation row per production inference
            long read = rows.count();
            QualityMetrics.Computed quality = QualityMetrics.compute(rows, reference, params, parts);
            DeltaTableWriter.replaceWhere(spark, outPath, QualitySchemas.MODEL_QUALITY, quality.rows(),
                    DateSets.inPredicate(WINDOW_DATE, days), WINDOW_DATE);
            // one row per group, the groups kept by the write: not a read of the table back, whose
            // new snapshot and file pruning took longer than the count
            long written = quality.groups().count();
            metrics.put(LABELED_VERSION, version);
            metrics.put("days_recomputed", (long) days.size());
            metrics.put("cached_partitions", (long) partitions);
            return new PipelineRun(runId, NAME, "succeeded", started, Instant.now(), window.start(), window.end(),
                    inputs, outputs, read, written, 0, metrics, "days " + days.first() + ".." + days.last());
        } finally {
            rows.unpersist();
        }
    }
}
