package io.monitoring.jobs;

import static io.monitoring.model.Columns.*;
import static io.monitoring.quality.QualityColumns.HAS_ACTUAL;
import static org.apache.spark.sql.functions.*;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.io.DeltaChanges;
import io.monitoring.io.DeltaTableWriter;
import io.monitoring.io.PipelineRun;
import io.monitoring.io.PipelineRunHistory;
import io.monitoring.io.RunRecorder;
import io.monitoring.jobs.cli.JobLauncher;
import io.monitoring.jobs.cli.WindowedCommand;
import io.monitoring.jobs.cli.WindowedJobRunner;
import io.monitoring.model.Schemas;
import io.monitoring.model.TableNames;
import io.monitoring.quality.DateSets;
import io.monitoring.quality.LabelJoin;
import io.monitoring.quality.QualitySchemas;
import io.monitoring.quality.QualityTables;
import io.monitoring.stats.TimeWindow;
import java.time.Duration;
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
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

/**
 * Join labels: {@code inferences} + {@code actuals} into {@code labeled_inferences} (grain: one row
 * per model_id, inference_id, with its latest actual inside the label window; partitioned by
 * event_date) and {@code orphan_actuals} (one row per actual record whose inference is unknown).
 *
 * <p>Incremental: the run reads both tables at pinned versions and records them in pipeline_runs.
 * It recomputes the event dates of the window it is given, plus those touched since the last
 * succeeded run: event dates of inference files added since, and event dates of the inferences
 * that actuals in the actual_date partitions added since can label. Each recomputed date is
 * replaced whole (replaceWhere), so reruns and overlapping runs never duplicate. The first run
 * (or one whose earlier log versions are gone) recomputes every date.
 */
@Command(name = "join-labels", mixinStandardHelpOptions = true,
        description = "Join actuals to their inferences into labeled_inferences; count orphan actuals.")
public final class JoinLabelsJob extends WindowedCommand {
    public static final String NAME = "join-labels";
    static final String INFERENCES_VERSION = "inferences_version";
    static final String ACTUALS_VERSION = "actuals_version";

    public static void main(String[] args) {
        JobLauncher.exit(new JoinLabelsJob(), args);
    }

    @Override
    protected String jobName() {
        return NAME;
    }

    @Override
    protected WindowedJobRunner.Execute executor() {
        return JoinLabelsJob::execute;
    }

    public static PipelineRun execute(SparkSession spark, MonitoringConfig config, TimeWindow window, String runId) {
        return RunRecorder.record(spark, config, NAME, runId, () -> join(spark, config, window, runId));
    }

    private static PipelineRun join(SparkSession spark, MonitoringConfig config, TimeWindow window, String runId) {
        Instant started = Instant.now();
        MonitoringConfig.Paths paths = config.paths();
        String infPath = paths.table(TableNames.INFERENCES);
        String actPath = paths.table(TableNames.ACTUALS);
        String outPath = paths.table(QualityTables.LABELED_INFERENCES);
        String orphanPath = paths.table(QualityTables.ORPHAN_ACTUALS);
        Map<String, Long> metrics = new TreeMap<>();
        List<String> inputs = List.of(TableNames.INFERENCES, TableNames.ACTUALS);
        List<String> outputs = List.of(QualityTables.LABELED_INFERENCES, QualityTables.ORPHAN_ACTUALS);
        if (!DeltaTableWriter.exists(spark, infPath)) {
            return new PipelineRun(runId, NAME, "succeeded", started, Instant.now(), window.start(), window.end(),
                    inputs, outputs, 0, 0, 0, metrics, "no inferences table yet");
        }
        Duration labelWindow = config.quality().labelWindow();
        long infVersion = DeltaChanges.latestVersion(spark, infPath);
        long actVersion = DeltaTableWriter.exists(spark, actPath) ? DeltaChanges.latestVersion(spark, actPath) : -1;
        Dataset<Row> inferences = spark.read().format("delta").option("versionAsOf", infVersion).load(infPath);
        Dataset<Row> actuals = actVersion < 0 ? spark.createDataFrame(List.of(), Schemas.ACTUAL)
                : spark.read().format("delta").option("versionAsOf", actVersion).load(actPath);

        SortedSet<LocalDate> dates = new TreeSet<>(DateSets.daysOf(window));
        Optional<Set<LocalDate>> touched = touchedEventDates(spark, config, inferences, actuals, infVersion, actVersion, labelWindow);
        boolean full = touched.isEmpty();
        if (full) {
            inferences.select(EVENT_DATE).distinct().collectAsList().forEach(r -> dates.add(r.getLocalDate(0)));
        } else {
            dates.addAll(touched.get());
        }

        Dataset<Row> dayInferences = inferences.where(DateSets.inPredicate(EVENT_DATE, dates));
        Dataset<Row> nearActuals = actuals.where(LabelJoin.reachableDates(ACTUAL_DATE, dates.first(), dates.last(), labelWindow));
        Dataset<Row> labeled = LabelJoin.labeledInferences(dayInferences, nearActuals, labelWindow);
        DeltaTableWriter.replaceWhere(spark, outPath, QualitySchemas.LABELED_INFERENCE, labeled,
                DateSets.inPredicate(EVENT_DATE, dates), EVENT_DATE);

        // orphans are rechecked in full: a key-only anti-join, and an orphan's inference may land any time
        Dataset<Row> orphans = LabelJoin.orphanActuals(actuals, inferences);
        DeltaTableWriter.ensure(spark, orphanPath, QualitySchemas.ORPHAN_ACTUAL, null);
        orphans.write().format("delta").mode(SaveMode.Overwrite).save(orphanPath);

        Row written = spark.read().format("delta").load(outPath).where(DateSets.inPredicate(EVENT_DATE, dates))
                .agg(count(lit(1)), sum(when(col(HAS_ACTUAL), 1L).otherwise(0L))).first();
        Row orphanCounts = spark.read().format("delta").load(orphanPath)
                .agg(count(lit(1)), countDistinct(col(MODEL_ID), col(INFERENCE_ID))).first();
        long rows = written.getLong(0);
        metrics.put(INFERENCES_VERSION, infVersion);
        metrics.put(ACTUALS_VERSION, actVersion);
        metrics.put("full_recompute", full ? 1L : 0L);
        metrics.put("event_dates_recomputed", (long) dates.size());
        metrics.put("labeled_inferences", written.isNullAt(1) ? 0L : written.getLong(1));
        metrics.put("orphan_actuals", orphanCounts.getLong(0));
        metrics.put("orphan_inference_ids", orphanCounts.getLong(1));
        return new PipelineRun(runId, NAME, "succeeded", started, Instant.now(), window.start(), window.end(),
                inputs, outputs, rows, rows, 0, metrics, "event dates " + dates.first() + ".." + dates.last());
    }

    /**
     * Event dates whose labels may have changed since the last succeeded run; empty when there is
     * no usable earlier run (then everything is recomputed).
     */
    private static Optional<Set<LocalDate>> touchedEventDates(SparkSession spark, MonitoringConfig config, Dataset<Row> inferences,
            Dataset<Row> actuals, long infVersion, long actVersion, Duration labelWindow) {
        Optional<Map<String, Long>> last = PipelineRunHistory.lastSucceededMetrics(spark,
                config.paths().table(TableNames.PIPELINE_RUNS), NAME);
        if (last.isEmpty() || !last.get().containsKey(INFERENCES_VERSION) || !last.get().containsKey(ACTUALS_VERSION)) {
            return Optional.empty();
        }
        MonitoringConfig.Paths paths = config.paths();
        Optional<Set<String>> newInferenceDates = DeltaChanges.addedPartitions(spark, paths.table(TableNames.INFERENCES),
                last.get().get(INFERENCES_VERSION), infVersion, EVENT_DATE);
        Optional<Set<String>> newActualDates = actVersion < 0 ? Optional.of(Set.of())
                : DeltaChanges.addedPartitions(spark, paths.table(TableNames.ACTUALS), last.get().get(ACTUALS_VERSION), actVersion, ACTUAL_DATE);
        if (newInferenceDates.isEmpty() || newActualDates.isEmpty()) {
            return Optional.empty();
        }
        Set<LocalDate> out = new TreeSet<>();
        newInferenceDates.get().forEach(d -> out.add(LocalDate.parse(d)));
        if (!newActualDates.get().isEmpty()) {
            SortedSet<LocalDate> actualDates = new TreeSet<>();
            newActualDates.get().forEach(d -> actualDates.add(LocalDate.parse(d)));
            Dataset<Row> candidates = inferences.where(LabelJoin.reachableDates(EVENT_DATE, actualDates.first(), actualDates.last(), labelWindow));
            LabelJoin.affectedEventDates(candidates, actuals.where(DateSets.inPredicate(ACTUAL_DATE, actualDates)), labelWindow)
                    .collectAsList().forEach(r -> out.add(r.getLocalDate(0)));
        }
        return Optional.of(out);
    }
}
