package io.monitoring.jobs;

import static io.monitoring.drift.DriftColumns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.drift.BinSpec;
import io.monitoring.drift.DriftBaselineRows;
import io.monitoring.drift.DriftBins;
import io.monitoring.drift.DriftEvaluator;
import io.monitoring.drift.DriftInputs;
import io.monitoring.drift.DriftProfiles;
import io.monitoring.drift.DriftRecords;
import io.monitoring.drift.DriftSchemas;
import io.monitoring.drift.SliceCaps;
import io.monitoring.io.DeltaTableWriter;
import io.monitoring.io.PipelineRun;
import io.monitoring.io.RunRecorder;
import io.monitoring.jobs.cli.ConfigOptions;
import io.monitoring.jobs.cli.JobLauncher;
import io.monitoring.jobs.cli.WindowOptions;
import io.monitoring.model.Columns;
import io.monitoring.model.TableNames;
import io.monitoring.quality.QualityTables;
import io.monitoring.spark.CachedParts;
import io.monitoring.spark.SparkSessionFactory;
import io.monitoring.spark.SqlLiterals;
import io.monitoring.stats.TimeWindow;
import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Drift: reads the {@code inferences} Delta table (and the actual of each inference, as
 * {@code labeled_inferences} holds it: {@link LabeledActuals}) for each window and the window
 * before it, and writes {@code drift_metrics}: one row per window, model_id, model_version, slice
 * (whole model and each capped segment value), column (every feature, {@code __prediction__},
 * {@code __prediction_score__}, {@code __actual__}) and baseline ({@code previous_window};
 * {@code reference} for models with a reference set). A model's bins
 * and reference histograms are computed once into {@code drift_baselines}. Per window: one
 * aggregation over the window's data for every model, feature and slice. Reruns replace the
 * windows' rows. Appends one {@code pipeline_runs} row.
 */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = "Compute drift_metrics for one window (--date) or every drift.window in --start/--end.")
public final class DriftJob implements Callable<Integer> {
    public static final String NAME = "drift";
    /** Run metric: 1 when the actuals were read from an up-to-date labeled_inferences table, 0 when joined in the run. */
    static final String ACTUALS_FROM_LABELED_INFERENCES = "actuals_from_labeled_inferences";

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    WindowOptions windowOptions;

    @Option(names = "--rebuild-baselines", description = "Recompute the reference bins and histograms of the models seen.")
    boolean rebuildBaselines;

    @Option(names = "--run-id", description = "Id recorded in pipeline_runs (default: generated).")
    String runId;

    public static void main(String[] args) {
        JobLauncher.exit(new DriftJob(), args);
    }

    @Override
    public Integer call() {
        MonitoringConfig config = configOptions.load();
        TimeWindow range = windowOptions.window();
        SparkSession spark = SparkSessionFactory.create("monitoring-drift", config.spark());
        try {
            PipelineRun run = execute(spark, config, range, runId == null ? RunRecorder.newRunId(NAME) : runId, rebuildBaselines);
            System.out.println(run.summary());
            return 0;
        } finally {
            spark.stop();
        }
    }

    public static PipelineRun execute(SparkSession spark, MonitoringConfig config, TimeWindow range, String runId) {
        return execute(spark, config, range, runId, false);
    }

    /** Computes every window of the range and records the run; safe to repeat (the windows' rows are replaced). */
    public static PipelineRun execute(SparkSession spark, MonitoringConfig config, TimeWindow range, String runId,
            boolean rebuildBaselines) {
        return RunRecorder.record(spark, config, NAME, runId, () -> {
            Instant started = Instant.now();
            Map<String, Long> metrics = new TreeMap<>();
            long read = 0;
            long written = 0;
            List<TimeWindow> windows = windows(range, config.drift().window());
            LabeledActuals actuals = LabeledActuals.open(spark, config);
            for (TimeWindow window : windows) {
                WindowResult r = new DriftWindow(spark, config, actuals, window, runId, rebuildBaselines && window == windows.get(0))
                        .compute();
                read += r.recordsRead();
                written += r.rows();
                metrics.merge("drifted", r.drifted(), Long::sum);
                metrics.merge("insufficient_data", r.insufficient(), Long::sum);
                metrics.merge("reference_models_built", r.referenceModelsBuilt(), Long::sum);
            }
            metrics.put("windows", (long) windows.size());
            metrics.put(ACTUALS_FROM_LABELED_INFERENCES, actuals.readsTable() ? 1L : 0L);
            return new PipelineRun(runId, NAME, "succeeded", started, Instant.now(), range.start(), range.end(),
                    List.of(TableNames.INFERENCES, TableNames.ACTUALS, QualityTables.LABELED_INFERENCES),
                    List.of(DriftSchemas.DRIFT_METRICS_TABLE, DriftSchemas.DRIFT_BASELINES_TABLE), read, written, 0, metrics, null);
        });
    }

    /** The range cut into windows of the configured length; a range that is not a whole number of them is one window. */
    static List<TimeWindow> windows(TimeWindow range, Duration length) {
        long n = range.length().toNanos() / length.toNanos();
        if (n < 1 || !length.multipliedBy(n).equals(range.length())) {
            return List.of(range);
        }
        List<TimeWindow> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            Instant s = range.start().plus(length.multipliedBy(i));
            out.add(new TimeWindow(s, s.plus(length)));
        }
        return out;
    }

    record WindowResult(long recordsRead, long rows, long drifted, long insufficient, long referenceModelsBuilt) {}

    /** One window: baselines for models new to drift, the one aggregation, verdicts, the replace. */
    private static final class DriftWindow {
        private final SparkSession spark;
        private final MonitoringConfig config;
        private final MonitoringConfig.Drift settings;
        private final LabeledActuals actuals;
        private final TimeWindow window;
        private final String runId;
        private final boolean rebuild;
        private final Instant computedAt = Instant.now();
        private final String baselinesPath;

        DriftWindow(SparkSession spark, MonitoringConfig config, LabeledActuals actuals, TimeWindow window, String runId,
                boolean rebuild) {
            this.spark = spark;
            this.config = config;
            this.settings = config.drift();
            this.actuals = actuals;
            this.window = window;
            this.runId = runId;
            this.rebuild = rebuild;
            this.baselinesPath = config.paths().table(DriftSchemas.DRIFT_BASELINES_TABLE);
        }

        WindowResult compute() {
            String metricsPath = config.paths().table(DriftSchemas.DRIFT_METRICS_TABLE);
            if (!DeltaTableWriter.exists(spark, config.paths().table(TableNames.INFERENCES))) {
                replaceWindow(metricsPath, List.of());
                return new WindowResult(0, 0, 0, 0, 0);
            }
            TimeWindow prev = window.previous();
            Column inWindows = datesOf(Columns.EVENT_DATE, prev.start(), window.end())
                    .and(col(Columns.EVENT_TIME).geq(lit(ts(prev.start()))).and(col(Columns.EVENT_TIME).lt(lit(ts(window.end())))))
                    .and(not(col(Columns.ENVIRONMENT).isin(settings.referenceEnvironments().toArray())));
            Column side = when(col(Columns.EVENT_TIME).geq(lit(ts(window.start()))), lit(SIDE_CURRENT)).otherwise(lit(SIDE_PREVIOUS));
            Dataset<Row> windowInferences = inferences().where(inWindows).withColumn(SIDE, side);

            List<String> keys = config.segments().keys();
            Map<String, Long> currentCounts = new TreeMap<>();
            Set<String> previousModels = new TreeSet<>();
            SliceCaps caps;
            try (CachedParts parts = new CachedParts()) {
                Dataset<Row> sliceCounts = parts.keep(DriftInputs.sliceCounts(windowInferences, keys));
                for (Row r : sliceCounts.where(col(SLICE_KEY).isNull()).collectAsList()) {
                    if (SIDE_CURRENT.equals(r.getAs(SIDE))) {
                        currentCounts.put(r.getAs(MODEL_ID), r.getAs(N));
                    } else {
                        previousModels.add(r.getAs(MODEL_ID));
                    }
                }
                caps = new SliceCaps(keys, DriftInputs.topSliceValues(sliceCounts.where(col(SIDE).equalTo(SIDE_CURRENT)),
                        config.segments().maxValuesPerKey()).collectAsList(), config.segments().otherValue());
            }
            Set<String> models = new TreeSet<>(currentCounts.keySet());
            models.addAll(previousModels);

            List<Row> stored = storedReference(models);
            Set<String> known = stored.stream().map(r -> (String) r.getAs(MODEL_ID)).collect(Collectors.toCollection(TreeSet::new));
            Set<String> toBuild = new TreeSet<>(currentCounts.keySet());
            if (!rebuild) {
                toBuild.removeAll(known);
            }
            BaselineWrite baselines = new BaselineWrite();
            if (!toBuild.isEmpty()) {
                // collected back from the written Dataset: the rows with their types as read from the table
                List<Row> built = baselines.add(buildReference(toBuild),
                        BINS_SOURCE + " = '" + SIDE_REFERENCE + "' AND " + MODEL_ID + " IN (" + SqlLiterals.list(toBuild) + ")")
                        .collectAsList();
                stored.removeIf(r -> toBuild.contains((String) r.getAs(MODEL_ID)));
                stored.addAll(built);
            }
            DriftRecords windowRecords = DriftRecords.of(windowInferences,
                    labeled(actuals.of(inWindows, day(prev.start()), day(window.end().minusNanos(1))), side, false));
            Set<String> withReference = stored.stream().filter(r -> !NO_REFERENCE.equals(r.getAs(COLUMN_NAME)))
                    .map(r -> (String) r.getAs(MODEL_ID)).collect(Collectors.toCollection(TreeSet::new));

            // bins: the reference's; for models without one, the previous window's
            List<Row> bins = new ArrayList<>(stored.stream().filter(r -> r.isNullAt(r.fieldIndex(SLICE_KEY))).toList());
            Set<String> withoutReference = new TreeSet<>(models);
            withoutReference.removeAll(withReference);
            if (!withoutReference.isEmpty()) {
                List<Row> previousBins = previousWindowBins(windowRecords, withoutReference);
                bins.addAll(previousBins);
                baselines.add(DriftBaselineRows.previousWindow(previousBins, prev, runId, computedAt),
                        BINS_SOURCE + " = '" + BASELINE_PREVIOUS + "' AND " + BASELINE_START + " = TIMESTAMP '" + prev.start()
                                + "' AND " + MODEL_ID + " IN (" + SqlLiterals.list(withoutReference) + ")");
            }
            baselines.commit();
            Map<List<String>, BinSpec> binSpecs = DriftBaselineRows.binSpecs(bins);
            List<Row> profiles = DriftProfiles.profile(windowRecords, List.copyOf(binSpecs.values()), caps)
                    .collectAsList();

            Map<String, TimeWindow> spans = settings.referenceWindows();
            List<Row> rows = DriftEvaluator.evaluate(window, profiles,
                    new DriftEvaluator.Baselines(binSpecs,
                            stored.stream().filter(r -> !r.isNullAt(r.fieldIndex(HISTOGRAM))).toList(), spans, withReference),
                    settings, runId, computedAt);
            replaceWindow(metricsPath, rows);
            long drifted = rows.stream().filter(r -> Boolean.TRUE.equals(r.getAs(DRIFTED))).count();
            long insufficient = rows.stream().filter(r -> STATUS_INSUFFICIENT.equals(r.getAs(STATUS))).count();
            long read = currentCounts.values().stream().mapToLong(Long::longValue).sum();
            return new WindowResult(read, rows.size(), drifted, insufficient, toBuild.size());
        }

        private Dataset<Row> inferences() {
            return spark.read().format("delta").load(config.paths().table(TableNames.INFERENCES));
        }

        /** Labelled rows with the side column the inferences have and, for a reference, no model version; null stays null. */
        private static Dataset<Row> labeled(Dataset<Row> rows, Column side, boolean withoutVersion) {
            if (rows == null) {
                return null;
            }
            Dataset<Row> sided = rows.withColumn(SIDE, side);
            return withoutVersion ? sided.withColumn(MODEL_VERSION, lit(null).cast("string")) : sided;
        }

        private List<Row> storedReference(Set<String> models) {
            if (models.isEmpty() || !DeltaTableWriter.exists(spark, baselinesPath)) {
                return new ArrayList<>();
            }
            return new ArrayList<>(spark.read().format("delta").load(baselinesPath)
                    .where(col(BINS_SOURCE).equalTo(SIDE_REFERENCE).and(col(MODEL_ID).isin(models.toArray())))
                    .collectAsList());
        }

        /**
         * Reference bins and histograms of the given models, computed once: reference records are
         * the configured environments, or the configured window of a model that has one.
         */
        private List<Row> buildReference(Set<String> models) {
            Map<String, TimeWindow> spans = settings.referenceWindows();
            Column filter = lit(false);
            List<String> byEnvironment = models.stream().filter(m -> !spans.containsKey(m)).toList();
            if (!byEnvironment.isEmpty()) {
                filter = filter.or(col(MODEL_ID).isin(byEnvironment.toArray())
                        .and(col(Columns.ENVIRONMENT).isin(settings.referenceEnvironments().toArray())));
            }
            for (String m : models) {
                TimeWindow w = spans.get(m);
                if (w != null) {
                    filter = filter.or(col(MODEL_ID).equalTo(m).and(datesOf(Columns.EVENT_DATE, w.start(), w.end()))
                            .and(col(Columns.EVENT_TIME).geq(lit(ts(w.start())))).and(col(Columns.EVENT_TIME).lt(lit(ts(w.end())))));
                }
            }
            DriftRecords reference = DriftRecords.of(inferences().where(filter)
                            .withColumn(SIDE, lit(SIDE_REFERENCE))
                            .withColumn(MODEL_VERSION, lit(null).cast("string")),
                    labeled(actuals.of(filter, null, null), lit(SIDE_REFERENCE), true))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            try {
                List<Row> bins = DriftBins.compute(reference, settings);
                List<String> keys = config.segments().keys();
                SliceCaps caps = new SliceCaps(keys, DriftInputs.topSliceValues(DriftInputs.sliceCounts(reference.predictions(), keys),
                        config.segments().maxValuesPerKey()).collectAsList(), config.segments().otherValue());
                List<Row> profiles = DriftProfiles.profile(reference,
                        List.copyOf(DriftBaselineRows.binSpecs(bins).values()), caps).collectAsList();
                return DriftBaselineRows.reference(models, bins, profiles, spans, runId, computedAt);
            } finally {
                reference.unpersist();
            }
        }

        /** Bins from the previous window for models without a reference. */
        private List<Row> previousWindowBins(DriftRecords windowRecords, Set<String> models) {
            return DriftBins.compute(windowRecords.where(col(SIDE).equalTo(SIDE_PREVIOUS).and(col(MODEL_ID).isin(models.toArray()))),
                    settings);
        }

        /**
         * The drift_baselines rows a window built (reference rows of models new to drift, bins of
         * the previous window), replaced in one Delta commit; each part replaces the rows its
         * predicate selects, so a part with no rows still clears what it replaces.
         */
        private final class BaselineWrite {
            private Dataset<Row> rows;
            private final List<String> predicates = new ArrayList<>();

            /** Adds rows and the predicate they replace; returns the rows' Dataset. */
            Dataset<Row> add(List<Row> built, String replaces) {
                Dataset<Row> part = spark.createDataFrame(built, DriftSchemas.DRIFT_BASELINES);
                rows = rows == null ? part : rows.unionAll(part);
                predicates.add("(" + replaces + ")");
                return part;
            }

            void commit() {
                if (rows != null) {
                    DeltaTableWriter.replaceWhere(spark, baselinesPath, DriftSchemas.DRIFT_BASELINES, rows,
                            String.join(" OR ", predicates), null);
                }
            }
        }

        private void replaceWindow(String path, List<Row> rows) {
            String date = window.start().atZone(ZoneOffset.UTC).toLocalDate().toString();
            DeltaTableWriter.replaceWhere(spark, path, DriftSchemas.DRIFT_METRICS,
                    spark.createDataFrame(rows, DriftSchemas.DRIFT_METRICS),
                    WINDOW_DATE + " = DATE '" + date + "' AND " + WINDOW_START + " = TIMESTAMP '" + window.start()
                            + "' AND " + WINDOW_END + " = TIMESTAMP '" + window.end() + "'", WINDOW_DATE);
        }
    }

    /** Partition filter: the UTC dates touched by [start, end). */
    private static Column datesOf(String dateColumn, Instant start, Instant end) {
        return col(dateColumn).geq(lit(Date.valueOf(start.atZone(ZoneOffset.UTC).toLocalDate())))
                .and(col(dateColumn).leq(lit(Date.valueOf(end.minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate()))));
    }

    private static LocalDate day(Instant t) {
        return t.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static java.sql.Timestamp ts(Instant t) {
        return java.sql.Timestamp.from(t);
    }

}
