package io.monitoring.jobs;

import static io.monitoring.model.Columns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitoring.config.MonitoringConfig;
import io.monitoring.io.PipelineRun;
import io.monitoring.model.TableNames;
import io.monitoring.stats.HourlyWindows;
import io.monitoring.stats.InferenceStatsAggregation;
import io.monitoring.stats.InferenceStatsDocument;
import io.monitoring.stats.InferenceStatsQuery;
import io.monitoring.stats.InferenceStatsRequest;
import io.monitoring.stats.TimeWindow;
import io.monitoring.testing.DeltaTableRows;
import io.monitoring.testing.Inferences;
import io.monitoring.testing.SharedSpark;
import io.monitoring.testing.TestConfigs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inferences that land days after their event time change the stats of their old day at the next
 * stats run, whatever window that run is given, as the daily DAG runs it (each run's window is the
 * new day). Each batch is appended to inferences in one commit, as ingest's merge adds it. After
 * every run inference_stats equals a from-scratch computation of every day over all inferences
 * landed so far. Hourly windows recompute a day only when something outside the window arrived
 * (read from the Delta log's per-file event_time statistics), not for the window's own data.
 * Publish, given the same window, restates the documents of those days, so no published daily or
 * hourly document is stale either. (Labels and quality with late inferences and early actuals:
 * LabelsThreeBatchesTest.)
 */
class StatsLateInferencesTest {
    private static final List<String> KEY = List.of(WINDOW_START, WORKSPACE, MODEL_ID, MODEL_VERSION, LEVEL,
            PREDICTED_CLASS, SLICE_KEY, SLICE_VALUE);

    private final SparkSession spark = SharedSpark.get();

    @TempDir
    Path root;

    private static Row inference(String id, String label, double score, String region, String time) {
        return Inferences.inference("intent", id, Instant.parse(time)).classification(label, score)
                .latency(10.0 + id.length()).tag("region", region).build();
    }

    @Test
    void lateInferencesUpdateTheStatsOfTheirOldDayAtTheNextRun() {
        MonitoringConfig config = TestConfigs.under(root);

        land(config, inference("a1", "billing", 0.9, "north", "2026-02-01T10:15:00Z"),
                inference("a2", "refund", 0.6, "south", "2026-02-01T10:45:00Z"),
                inference("a3", "billing", 0.7, "north", "2026-02-01T14:00:00Z"));
        assertEquals(List.of(0L, 0L), daily(config, "2026-02-01", 1), "a first run has nothing late");

        // on day 4: day-4 data, and data days late into an hour of day 1 that has stats, one that has none, and day 2
        land(config, inference("c1", "billing", 0.95, "north", "2026-02-04T08:00:00Z"),
                inference("late1", "refund", 0.55, "north", "2026-02-01T10:30:00Z"),
                inference("late2", "billing", 0.65, "west", "2026-02-01T03:00:00Z"),
                inference("late3", "refund", 0.75, "south", "2026-02-02T23:59:00Z"));
        assertEquals(List.of(2L, 2L), daily(config, "2026-02-04", 2), "2026-02-01 and 2026-02-02, given the window 2026-02-04");

        // hourly windows on day 5: the window's own data recomputes no day; data of an earlier hour recomputes the day
        land(config, inference("h1", "billing", 0.85, "north", "2026-02-05T10:20:00Z"));
        assertEquals(List.of(0L, 0L), hourly(config, "2026-02-05T10:00:00Z", 3));
        land(config, inference("h2", "refund", 0.6, "south", "2026-02-05T11:10:00Z"),
                inference("h3", "billing", 0.7, "north", "2026-02-05T03:00:00Z"));
        assertEquals(List.of(1L, 1L), hourly(config, "2026-02-05T11:00:00Z", 4), "2026-02-05 itself");
    }

    /** One append to inferences, as one ingest commit would add them. */
    private void land(MonitoringConfig config, Row... rows) {
        Inferences.write(spark, config.paths().table(TableNames.INFERENCES), List.of(rows));
    }

    private List<Long> daily(MonitoringConfig config, String day, int run) {
        Instant start = LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant();
        return runAndCompare(config, new TimeWindow(start, start.plus(HourlyWindows.DAY)), run);
    }

    private List<Long> hourly(MonitoringConfig config, String hour, int run) {
        Instant start = Instant.parse(hour);
        return runAndCompare(config, new TimeWindow(start, start.plus(HourlyWindows.HOUR)), run);
    }

    /**
     * Runs stats and publish for the window, then compares the whole table with every day computed
     * from scratch, and every published daily and hourly document with one computed now. Returns
     * the days stats recomputed and publish restated beyond the window.
     */
    private List<Long> runAndCompare(MonitoringConfig config, TimeWindow window, int run) {
        PipelineRun stats = StatsJob.execute(spark, config, window, "stats-" + run);
        PipelineRun publish = PublishJob.execute(spark, config, window, "publish-" + run);

        Dataset<Row> inferences = spark.read().format("delta").load(config.paths().table(TableNames.INFERENCES));
        Dataset<Row> scratch = null;
        for (Row r : inferences.select(EVENT_DATE).distinct().collectAsList()) {
            Instant dayStart = r.getLocalDate(0).atStartOfDay(ZoneOffset.UTC).toInstant();
            Dataset<Row> day = InferenceStatsAggregation.hourlyStats(InferenceStatsAggregation.productionInWindow(inferences,
                    new TimeWindow(dayStart, dayStart.plus(HourlyWindows.DAY))), config);
            scratch = scratch == null ? day : scratch.unionByName(day);
        }
        DeltaTableRows.assertSameRows(scratch, spark.read().format("delta").load(config.paths().table(TableNames.INFERENCE_STATS)),
                KEY, List.of(), "inference_stats after run " + run);
        assertPublishedDocumentsAreCurrent(config, run);
        return List.of(stats.metrics().get("late_days_recomputed"), publish.metrics().get("restated_days"));
    }

    /** No published daily or hourly document is stale: each equals the document computed now for its range. */
    private void assertPublishedDocumentsAreCurrent(MonitoringConfig config, int run) {
        Path folder = Path.of(config.paths().publish(), "default", PublishJob.FOLDER);
        Map<String, TimeWindow> ranges = new TreeMap<>();
        for (String kind : List.of("daily", "hourly")) {
            for (String name : fileNames(folder.resolve(kind))) {
                String stem = name.substring(0, name.length() - ".json".length());
                Instant start = kind.equals("daily") ? LocalDate.parse(stem).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : Instant.parse(stem + ":00:00Z");
                ranges.put(kind + "/" + name, new TimeWindow(start, start.plus(kind.equals("daily") ? HourlyWindows.DAY : HourlyWindows.HOUR)));
            }
        }
        List<ObjectNode> current = InferenceStatsQuery.documents(spark, config, ranges.values().stream()
                .map(r -> InferenceStatsRequest.of("default", r.start(), r.end())).toList());
        int i = 0;
        for (String file : ranges.keySet()) {
            assertEquals(new String(InferenceStatsDocument.toBytes(current.get(i++)), StandardCharsets.UTF_8),
                    read(folder.resolve(file)), file + " after run " + run);
        }
    }

    private static List<String> fileNames(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
