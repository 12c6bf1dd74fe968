package io.monitoring.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitoring.config.MonitoringConfig;
import io.monitoring.io.AtomicFiles;
import io.monitoring.io.PipelineRun;
import io.monitoring.io.PublishPaths;
import io.monitoring.io.RunRecorder;
import io.monitoring.jobs.cli.JobLauncher;
import io.monitoring.jobs.cli.WindowedCommand;
import io.monitoring.jobs.cli.WindowedJobRunner;
import io.monitoring.model.TableNames;
import io.monitoring.stats.HourlyWindows;
import io.monitoring.stats.InferenceStatsDocument;
import io.monitoring.stats.InferenceStatsQuery;
import io.monitoring.stats.InferenceStatsRequest;
import io.monitoring.stats.TimeWindow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * atomically; a rerun writes identical bytes. Grain: one document per (workspace, range).
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Write the inference-stats JSON documents of a window for every workspace.")
public final class PublishJob extends WindowedCommand {
    public static final String NAME = "publish";
    public static final String FOLDER = "inference-stats";
    public static final String MANIFEST = "manifest.json";
    public static final String LAST_24H = "last-24h.json";

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
        List<Planned> plan = plan(workspaces, window);
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
        String message = rejected.isEmpty() ? null : "workspaces with unsafe names not published: " + rejected;
        return new PipelineRun(runId, NAME, "succeeded", started, Instant.now(), window.start(), window.end(),
                List.of(TableNames.INFERENCE_STATS, TableNames.MODEL_QUALITY, TableNames.DRIFT_METRICS), manifests,
                plan.size() + qualityAndDrift, files, 0, metrics, message);
    }

    /** Per workspace: each day touched, each hour, then the 24 hours ending at the window's end. */
    static List<Planned> plan(List<String> workspaces, TimeWindow window) {
        List<Planned> plan = new ArrayList<>();
        for (String ws : workspaces) {
            for (TimeWindow day : HourlyWindows.daysTouched(window)) {
                plan.add(new Planned(ws, "daily", List.of("daily", DAY_FILE.format(day.start())), day));
            }
            for (TimeWindow hour : HourlyWindows.hours(window)) {
                plan.add(new Planned(ws, "hourly", List.of("hourly", HOUR_FILE.format(hour.start())), hour));
            }
            TimeWindow last24h = new TimeWindow(window.end().minus(Duration.ofHours(24)), window.end());
            plan.add(new Planned(ws, "last-24h", List.of(LAST_24H), last24h));
        }
        return plan;
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
