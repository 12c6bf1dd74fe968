package io.monitoring.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monitoring.config.MonitoringConfig;
import io.monitoring.io.PipelineRun;
import io.monitoring.stats.HourlyWindows;
import io.monitoring.stats.InferenceStatsDocument;
import io.monitoring.stats.InferenceStatsQuery;
import io.monitoring.stats.InferenceStatsRequest;
import io.monitoring.stats.TimeWindow;
import io.monitoring.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PublishJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TimeWindow DAY = new TimeWindow(SeedExampleFixture.DAY, SeedExampleFixture.NEXT_DAY);

    private static SparkSession spark;
    private static MonitoringConfig config;
    private static Path root;
    private static Path publish;
    private static PipelineRun firstRun;
    private static Map<String, byte[]> firstFiles;
    private static Map<String, byte[]> secondFiles;

    @BeforeAll
    static void publishTwice() throws Exception {
        spark = SharedSpark.get();
        // the seed example's stats, all in workspace "default"; two more workspaces are configured for
        // models without data: "acme" (published, with zeros) and one whose name would escape the root
        MonitoringConfig computed = SeedExampleFixture.statsComputed();
        root = Path.of(computed.paths().warehouse()).getParent();
        config = StatsTestSupport.config(root, "models.workspace-of-model.ghost=acme",
                "models.workspace-of-model.ghost2=../escape");
        publish = Path.of(config.paths().publish());
        firstRun = PublishJob.execute(spark, config, DAY, "publish-1");
        firstFiles = snapshot(root);
        PublishJob.execute(spark, config, DAY, "publish-2");
        secondFiles = snapshot(root);
    }

    /** Every file under the folder, by relative path. */
    private static Map<String, byte[]> snapshot(Path folder) throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = folder.relativize(p).toString();
                if (rel.startsWith("published/")) {
                    files.put(rel, Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    @Test
    void writesTheDayItsHoursTheLast24HoursAndAManifestPerWorkspace() {
        for (String ws : List.of("acme", "default")) {
            String base = "published/" + ws + "/inference-stats/";
            assertTrue(firstFiles.containsKey(base + "daily/2024-05-02.json"), ws);
            assertTrue(firstFiles.containsKey(base + "last-24h.json"), ws);
            assertTrue(firstFiles.containsKey(base + "manifest.json"), ws);
            for (int h = 0; h < 24; h++) {
                assertTrue(firstFiles.containsKey(base + String.format("hourly/2024-05-02T%02d.json", h)), ws + " hour " + h);
            }
        }
        assertEquals(2 * (1 + 24 + 1 + 1), firstFiles.size(), String.valueOf(firstFiles.keySet()));
        assertEquals(2 * 26, firstRun.recordsRead());
        assertEquals(2 * 27, firstRun.recordsWritten());
    }

    @Test
    void documentsAreTheQueryDocumentsBytes() throws Exception {
        byte[] daily = firstFiles.get("published/default/inference-stats/daily/2024-05-02.json");
        byte[] expected = InferenceStatsDocument.toBytes(InferenceStatsQuery.document(spark, config,
                InferenceStatsRequest.of("default", DAY.start(), DAY.end())));
        assertArrayEquals(expected, daily);
        assertArrayEquals(daily, firstFiles.get("published/default/inference-stats/last-24h.json"), "the same 24 hours");
        JsonNode doc = JSON.readTree(daily);
        assertEquals(120, doc.get("num_inferences").asLong());
        assertEquals(290, doc.get("prev_num_inferences").asLong());
        JsonNode empty = JSON.readTree(firstFiles.get("published/acme/inference-stats/daily/2024-05-02.json"));
        assertEquals(0, empty.get("num_inferences").asLong());
        assertEquals(0, empty.get("inference_stats").size());

        JsonNode hour = JSON.readTree(firstFiles.get("published/default/inference-stats/hourly/2024-05-02T00.json"));
        assertEquals(InferenceStatsDocument.TOP_LEVEL_KEYS.size(), hour.size());
        assertTrue(hour.get("num_inferences").asLong() > 0);
    }

    @Test
    void theManifestListsEachDocumentWithItsDigest() throws Exception {
        JsonNode manifest = JSON.readTree(firstFiles.get("published/default/inference-stats/manifest.json"));
        assertEquals("default", manifest.get("workspace").asText());
        assertEquals("2024-05-02T00:00:00Z", manifest.get("window_start").asText());
        assertEquals(26, manifest.get("documents").size());
        for (JsonNode d : manifest.get("documents")) {
            byte[] bytes = firstFiles.get("published/default/inference-stats/" + d.get("path").asText());
            assertEquals(bytes.length, d.get("bytes").asInt());
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), d.get("sha256").asText());
        }
        assertEquals("daily/2024-05-02.json", manifest.get("documents").get(0).get("path").asText());
        assertEquals("last-24h.json", manifest.get("documents").get(25).get("path").asText());
    }

    @Test
    void aRerunWritesIdenticalBytesAndLeavesNoTemporaryFiles() {
        assertEquals(firstFiles.keySet(), secondFiles.keySet());
        firstFiles.forEach((path, bytes) -> assertArrayEquals(bytes, secondFiles.get(path), path));
        for (String path : secondFiles.keySet()) {
            String name = Path.of(path).getFileName().toString();
            assertFalse(name.startsWith(".") || name.endsWith(".tmp") || name.endsWith(".crc"), path);
        }
    }

    @Test
    void aWorkspaceNameThatWouldLeaveThePublishRootIsNotPublished() {
        assertTrue(firstFiles.keySet().stream().allMatch(p -> p.startsWith("published/acme/")
                || p.startsWith("published/default/")), String.valueOf(firstFiles.keySet()));
        assertFalse(Files.exists(root.resolve("escape")));
        assertEquals(1L, firstRun.metrics().get("workspaces_rejected"));
        assertTrue(firstRun.message().contains("../escape"), firstRun.message());
        assertTrue(Files.isDirectory(publish));
    }

    @Test
    void aWindowOffTheHourPublishesTheHoursAroundItAndTheDaysItTouches() {
        TimeWindow window = HourlyWindows.outward(new TimeWindow(Instant.parse("2024-05-02T22:30:00Z"), Instant.parse("2024-05-03T00:10:00Z")));
        List<String> files = PublishJob.plan(List.of("w"), window).stream().map(PublishJob.Planned::relative).toList();
        assertEquals(List.of("daily/2024-05-02.json", "daily/2024-05-03.json", "hourly/2024-05-02T22.json",
                "hourly/2024-05-02T23.json", "hourly/2024-05-03T00.json", "last-24h.json"), files);
        PublishJob.Planned last = PublishJob.plan(List.of("w"), window).get(5);
        assertEquals(new TimeWindow(Instant.parse("2024-05-02T01:00:00Z"), Instant.parse("2024-05-03T01:00:00Z")), last.range());
    }
}
