package io.monitoring.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitoring.config.MonitoringConfig;
import io.monitoring.io.AtomicFiles;
import io.monitoring.io.DeltaChanges;
import io.monitoring.io.DeltaTableWriter;
import io.monitoring.io.PipelineRun;
import io.monitoring.io.PipelineRunHistory;
import io.monitoring.io.PublishPaths;
import io.monitoring.io.RunRecorder;
import io.monitoring.jobs.cli.JobLauncher;
import io.monitoring.jobs.cli.WindowedCommand;
import io.monitoring.jobs.cli.WindowedJobRunner;
import io.monitoring.model.Columns;
import io.monitoring.model.TableNames;
import io.monitoring.stats.HourlyWindows;
import io.monitoring.stats.InferenceStatsDocument;
import io.monitoring.stats.InferenceStatsQuery;
import io.monitoring.stats.InferenceStatsRequest;
import io.monitoring.stats.LateDays;
import io.monitoring.stats.TimeWindow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

/**
 * Publish: the stats endpoint's documents (seed 002) from {@code inference_stats}, for every
 * configured workspace, under {@code <publish>/<workspace>/inference-stats/}: {@code
 * daily/YYYY-MM-DD.json} for each UTC day the window touches, {@code hourly/YYYY-MM-DDTHH.json} for
 * each hour of the window (widened to whole hours), {@code last-24h.json} for the 24 hours ending at
 * the window's end, and {@code manifest.json} listing them (written last). Each file is replaced
 * atomically; a rerun writes identical bytes. Grain: one document per (workspace, range). Days
 * outside the window whose stats changed since the last publish (late inferences) are published
 * again too, with the documents whose previous period they are.
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Write the inference-stats JSON documents of a window for every workspace.")
public final class PublishJob extends WindowedCommand {
    public static final String NAME = "publish";
    public static final String FOLDER = "inference-stats";
    public static final String MANIFEST = "manifest.json";
    public static final String LAST_24H = "last-24h.json";
    static final String STATS_VERSION = "inference_stats_version";

    private static final Logger LOG = LogManager.getLogger(PublishJob.class);
    private static final DateTimeFormatter DAY_FILE = DateTimeFormatter.ofPattern("uuuu-MM-dd'.json'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR_FILE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH'.json'").withZone(ZoneOffset.UTC);

    /** One document to publish: its workspace, kind (daily, hourly, last-24h), file path below the workspace's folder, and range. */
    record Planned(String workspace, String kind, List<String> relativePath, TimeWindow range) {
        String relative() {
            return String.join("/", relativePath);
        }
    }

    public static void main(String[] args) {
        JobLauncher.exit(new PublishJob(), args);
    }

    @Override
    protected String jobName() {
        return NAME;
    }

    @Override
    protected WindowedJobRunner.Execute executor() {
        return PublishJob::execute;
    }

    /** Publishes the window's documents; safe to call again (same table, same bytes). */
    public static PipelineRun execute(SparkSession spark, MonitoringConfig config, TimeWindow window, String runId) {
        return RunRecorder.record(spark, config, NAME, runId, () -> publish(spark, config, window, runId));
    }

    private static PipelineRun publish(SparkSession spark, MonitoringConfig config, TimeWindow requested, String runId) {
        Instant started = Instant.now();
        TimeWindow window = HourlyWindows.outward(requested);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path root = qualified(conf, config.paths().publish());

        List<String> workspaces = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (String ws : InferenceStatsRequest.knownWorkspaces(config.models())) {
            try {
                workspaces.add(PublishPaths.segment(ws));
            } catch (PublishPaths.UnsafePathException e) {
                LOG.warn("workspace not published: {}", e.getMessage());
                rejected.add(ws);
            }
        }
        String statsPath = config.paths().table(TableNames.INFERENCE_STATS);
        long statsVersion = DeltaTableWriter.exists(spark, statsPath) ? DeltaChanges.latestVersion(spark, statsPath) : -1;
        SortedSet<LocalDate> restated = restatedDays(spark, config, window, statsVersion);
        List<Planned> plan = plan(workspaces, window, restated);
        List<ObjectNode> docs = InferenceStatsQuery.documents(spark, config,
                plan.stream().map(p -> InferenceStatsRequest.of(p.workspace(), p.range().start(), p.range().end())).toList());

        Map<String, ArrayNode> listed = new LinkedHashMap<>();
        long files = 0;
        for (int i = 0; i < plan.size(); i++) {
            Planned p = plan.get(i);
            byte[] bytes = InferenceStatsDocument.toBytes(docs.get(i));
            AtomicFiles.write(conf, documentPath(root, p.workspace(), p.relativePath()), bytes);
            files++;
            listed.computeIfAbsent(p.workspace(), ws -> JsonNodeFactory.instance.arrayNode()).add(entry(p, bytes));
        }
        List<String> manifests = new ArrayList<>();
        for (Map.Entry<String, ArrayNode> e : listed.entrySet()) {
            Path manifest = documentPath(root, e.getKey(), List.of(MANIFEST));
            AtomicFiles.write(conf, manifest, InferenceStatsDocument.toBytes(manifest(e.getKey(), window, e.getValue())));
            files++;
            manifests.add(manifest.toString());
        }

        long qualityAndDrift = new QualityDriftDocuments(spark, config, root).publish(workspaces, window);
        files += qualityAndDrift;

        Map<String, Long> metrics = new TreeMap<>();
        metrics.put("quality_and_drift_documents", qualityAndDrift);
        metrics.put("workspaces", (long) workspaces.size());
        metrics.put("workspaces_rejected", (long) rejected.size());
        metrics.put("documents", (long) plan.size());
        metrics.put(STATS_VERSION, statsVersion);
        metrics.put("restated_days", (long) restated.size());
        List<String> notes = new ArrayList<>();
        if (!restated.isEmpty()) {
            notes.add("days restated after late data: " + restated);
        }
        if (!rejected.isEmpty()) {
            notes.add("workspaces with unsafe names not published: " + rejected);
        }
        String message = notes.isEmpty() ? null : String.join("; ", notes);
        return new PipelineRun(runId, NAME, "succeeded", started, Instant.now(), window.start(), window.end(),
                List.of(TableNames.INFERENCE_STATS, TableNames.MODEL_QUALITY, TableNames.DRIFT_METRICS), manifests,
                plan.size() + qualityAndDrift, files, 0, metrics, message);
    }

    /** Per workspace: each day touched, each hour, then the 24 hours ending at the window's end. */
    static List<Planned> plan(List<String> workspaces, TimeWindow window) {
        return plan(workspaces, window, new TreeSet<>());
    }

    /**
     * The window's documents, then per restated day (not inside the window, its stats changed since
     * the last publish) its daily and hourly documents and those whose previous period it is (the
     * next day and that day's first hour), each document once, none for a range not begun by the
     * window's end.
     */
    static List<Planned> plan(List<String> workspaces, TimeWindow window, SortedSet<LocalDate> restated) {
        Map<String, Planned> plan = new LinkedHashMap<>();
        for (String ws : workspaces) {
            for (TimeWindow day : HourlyWindows.daysTouched(window)) {
                add(plan, ws, "daily", day);
            }
            for (TimeWindow hour : HourlyWindows.hours(window)) {
                add(plan, ws, "hourly", hour);
            }
            TimeWindow last24h = new TimeWindow(window.end().minus(Duration.ofHours(24)), window.end());
            plan.put(ws + "/" + LAST_24H, new Planned(ws, "last-24h", List.of(LAST_24H), last24h));
            for (LocalDate d : restated) {
                Instant start = d.atStartOfDay(ZoneOffset.UTC).toInstant();
                TimeWindow day = new TimeWindow(start, start.plus(HourlyWindows.DAY));
                add(plan, ws, "daily", day);
                // never a document of a range that has not begun by the window's end
                HourlyWindows.hours(day).stream().filter(h -> h.start().isBefore(window.end())).forEach(h -> add(plan, ws, "hourly", h));
                if (day.end().isBefore(window.end())) {
                    add(plan, ws, "daily", new TimeWindow(day.end(), day.end().plus(HourlyWindows.DAY)));
                    add(plan, ws, "hourly", new TimeWindow(day.end(), day.end().plus(HourlyWindows.HOUR)));
                }
            }
        }
        return new ArrayList<>(plan.values());
    }

    private static void add(Map<String, Planned> plan, String ws, String kind, TimeWindow range) {
        String file = ("daily".equals(kind) ? DAY_FILE : HOUR_FILE).format(range.start());
        plan.putIfAbsent(ws + "/" + kind + "/" + file, new Planned(ws, kind, List.of(kind, file), range));
    }

    /**
     * Days whose inference_stats rows outside the window changed since the last succeeded publish
     * run (stats recomputed them for late inferences), from the Delta log as {@link LateDays} reads
     * it; none on a first run or when that part of the log is gone.
     */
    private static SortedSet<LocalDate> restatedDays(SparkSession spark, MonitoringConfig config, TimeWindow window,
            long statsVersion) {
        SortedSet<LocalDate> days = new TreeSet<>();
        Optional<Map<String, Long>> last = PipelineRunHistory.lastSucceededMetrics(spark,
                config.paths().table(TableNames.PIPELINE_RUNS), NAME);
        if (statsVersion < 0 || last.isEmpty() || !last.get().containsKey(STATS_VERSION)) {
            return days;
        }
        return DeltaChanges.addedDataFiles(spark, config.paths().table(TableNames.INFERENCE_STATS), last.get().get(STATS_VERSION),
                statsVersion).map(added -> LateDays.of(added, window, Columns.EVENT_DATE, Columns.WINDOW_START)).orElse(days);
    }

    static Path documentPath(Path root, String workspace, List<String> relativePath) {
        List<String> segments = new ArrayList<>(List.of(workspace, FOLDER));
        segments.addAll(relativePath);
        return PublishPaths.resolve(root, segments.toArray(new String[0]));
    }

    private static ObjectNode entry(Planned p, byte[] bytes) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("path", p.relative());
        e.put("kind", p.kind());
        e.put("start", p.range().start().toString());
        e.put("end", p.range().end().toString());
        e.put("bytes", bytes.length);
        e.put("sha256", sha256(bytes));
        return e;
    }

    /** What this run wrote for one workspace; nothing run-specific (no clock, no run id), so reruns match. */
    private static ObjectNode manifest(String workspace, TimeWindow window, ArrayNode documents) {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("workspace", workspace);
        m.put("window_start", window.start().toString());
        m.put("window_end", window.end().toString());
        m.put("source", TableNames.INFERENCE_STATS);
        m.set("documents", documents);
        return m;
    }

    private static Path qualified(Configuration conf, String root) {
        try {
            Path p = new Path(root);
            return p.getFileSystem(conf).makeQualified(p);
        } catch (IOException e) {
            throw new UncheckedIOException("publish root " + root + " is not reachable", e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
