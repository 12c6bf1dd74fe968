package io.monitoring.jobs;

import static io.monitoring.model.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

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
import io.monitoring.stats.HourlyWindows;
import io.monitoring.quality.DateSets;
import io.monitoring.stats.InferenceStatsAggregation;
import io.monitoring.stats.LateDays;
import io.monitoring.stats.TimeWindow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine.Command;

/**
 * Stats: production rows of the Delta table {@code inferences} in the window into
 * {@code inference_stats}, grain one row per (hour, workspace, model_id, model_version, level,
 * predicted_class, slice_key, slice_value) with mergeable aggregates (counts, exact decimal sums,
 * KLL sketches of confidence and latency, distinct serving facts). A window not on whole hours is
 * widened to whole hours. Rerunnable: the rows of the window's hours are replaced in one commit.
 * Late data: whole UTC days outside the window that received inferences since the last succeeded
 * stats run (read from the Delta log, see {@link LateDays}) are recomputed in the same commit.
 * Appends one {@code pipeline_runs} row (read: production inferences in the window; written: stats rows).
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Compute the hourly inference_stats of a window from the inferences table.")
public final class StatsJob extends WindowedCommand {
    public static final String NAME = "stats";
    static final String INFERENCES_VERSION = "inferences_version";

    public static void main(String[] args) {
        JobLauncher.exit(new StatsJob(), args);
    }

    @Override
    protected String jobName() {
        return NAME;
    }

    @Override
    protected WindowedJobRunner.Execute executor() {
        return StatsJob::execute;
    }

    /** Computes and replaces the stats of the window's hours; safe to call again. */
    public static PipelineRun execute(SparkSession spark, MonitoringConfig config, TimeWindow window, String runId) {
        return RunRecorder.record(spark, config, NAME, runId, () -> compute(spark, config, window, runId));
    }

    private static PipelineRun compute(SparkSession spark, MonitoringConfig config, TimeWindow requested, String runId) {
        Instant started = Instant.now();
        TimeWindow window = HourlyWindows.outward(requested);
        String inferencesPath = config.paths().table(TableNames.INFERENCES);
        String statsPath = config.paths().table(TableNames.INFERENCE_STATS);
        if (!DeltaTableWriter.exists(spark, inferencesPath)) {
            throw new IllegalStateException("no inferences table at " + inferencesPath + ": run ingest first");
        }
        long version = DeltaChanges.latestVersion(spark, inferencesPath);
        Dataset<Row> inferences = spark.read().format("delta").option("versionAsOf", version).load(inferencesPath);
        SortedSet<LocalDate> lateDays = lateDays(spark, config, inferences, window, version);
        // kept for the write and the run's counts: the aggregation runs once
        Dataset<Row> stats = InferenceStatsAggregation.hourlyStats(
                InferenceStatsAggregation.productionInWindowAndDays(inferences, window, lateDays),
                col(InferenceStatsAggregation.CAP_SCOPE), config)
                .persist(StorageLevel.MEMORY_AND_DISK());
        Row written;
        try {
            written = stats.agg(
                    count(lit(1)),
                    sum(when(col(LEVEL).equalTo(InferenceStatsAggregation.LEVEL_MODEL).and(col(SLICE_KEY).isNull()),
                            col(NUM_INFERENCES)).otherwise(0L)),
                    countDistinct(col(MODEL_ID))).first();
            String replaced = lateDays.isEmpty() ? windowPredicate(window)
                    : "(" + windowPredicate(window) + ") OR " + DateSets.inPredicate(EVENT_DATE, lateDays);
            DeltaTableWriter.replaceWhere(spark, statsPath, Schemas.INFERENCE_STATS, stats, replaced, EVENT_DATE);
        } finally {
            stats.unpersist();
        }
        long rows = written.getLong(0);
        long inferencesRead = written.isNullAt(1) ? 0 : written.getLong(1);
        Map<String, Long> metrics = new TreeMap<>();
        metrics.put("hours", (long) HourlyWindows.hours(window).size());
        metrics.put("models", written.getLong(2));
        metrics.put("stats_rows", rows);
        metrics.put(INFERENCES_VERSION, version);
        metrics.put("late_days_recomputed", (long) lateDays.size());
        String message = lateDays.isEmpty() ? null : "late inferences: days recomputed " + lateDays;
        return new PipelineRun(runId, NAME, "succeeded", started, Instant.now(), window.start(), window.end(),
                List.of(TableNames.INFERENCES), List.of(TableNames.INFERENCE_STATS),
                inferencesRead, rows, 0, metrics, message);
    }

    /**
     * Whole UTC days outside the window whose inferences changed since the last succeeded stats
     * run (late data: ingest put them into days whose stats were already computed). None on a first
     * run; every day with inferences when the log since that run is gone.
     */
    private static SortedSet<LocalDate> lateDays(SparkSession spark, MonitoringConfig config, Dataset<Row> inferences,
            TimeWindow window, long version) {
        Optional<Map<String, Long>> last = PipelineRunHistory.lastSucceededMetrics(spark,
                config.paths().table(TableNames.PIPELINE_RUNS), NAME);
        if (last.isEmpty() || !last.get().containsKey(INFERENCES_VERSION)) {
            return new TreeSet<>();
        }
        Optional<List<DeltaChanges.AddedFile>> added = DeltaChanges.addedDataFiles(spark,
                config.paths().table(TableNames.INFERENCES), last.get().get(INFERENCES_VERSION), version);
        if (added.isPresent()) {
            return LateDays.of(added.get(), window);
        }
        List<DeltaChanges.AddedFile> everyDay = new ArrayList<>();
        inferences.select(EVENT_DATE).distinct().collectAsList()
                .forEach(r -> everyDay.add(new DeltaChanges.AddedFile(Map.of(EVENT_DATE, r.getLocalDate(0).toString()), null)));
        return LateDays.of(everyDay, window);
    }

    /**
     * The stats rows of the window's hours; names the event_date partitions so Delta touches only
     * them. A window of whole UTC days is those partitions and nothing else (a stats row's
     * event_date is its hour's date): Delta then drops their files, where a condition on the hours
     * too made it read and rewrite each file it matched.
     */
    static String windowPredicate(TimeWindow window) {
        LocalDate first = LocalDate.ofInstant(window.start(), ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(window.end().minusNanos(1), ZoneOffset.UTC);
        if (window.start().equals(first.atStartOfDay(ZoneOffset.UTC).toInstant())
                && window.end().equals(last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())) {
            return String.format("%s >= DATE'%s' AND %s <= DATE'%s'", EVENT_DATE, first, EVENT_DATE, last);
        }
        return String.format("%s >= DATE'%s' AND %s <= DATE'%s' AND %s >= TIMESTAMP'%s' AND %s < TIMESTAMP'%s'",
                EVENT_DATE, first, EVENT_DATE, last, WINDOW_START, window.start(), WINDOW_START, window.end());
    }
}
