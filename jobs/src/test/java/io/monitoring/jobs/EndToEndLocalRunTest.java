package io.monitoring.jobs;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monitoring.config.MonitoringConfig;
import io.monitoring.sample.SampleLogGenerator;
import io.monitoring.sample.SampleSpec;
import io.monitoring.stats.TimeWindow;
import io.monitoring.stats.InferenceStatsQuery;
import io.monitoring.stats.InferenceStatsRequest;
import io.monitoring.model.TableNames;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.Row;
import io.monitoring.testing.SharedSpark;
import io.monitoring.testing.TestConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One end-to-end run on the product's own sample logs (generate, ingest, join, stats, quality,
 * drift, catalog), then: every SQL statement of the analyst notebooks runs against its tables with
 * the notebook's own parameters, so a renamed column cannot rot a notebook silently; every notebook
 * is structurally valid nbformat 4; and stats documents for a 6-hour range, a 3-day range and a
 * model filter, read from the run's inference_stats, equal documents computed straight from its
 * raw inferences rows.
 */
class EndToEndLocalRunTest {
    private static final Path NOTEBOOKS = Path.of("").toAbsolutePath().getParent().resolve("notebooks");
    private static final Pattern SQL = Pattern.compile("spark\\.sql\\(\\s*\"\"\"(.*?)\"\"\"", Pattern.DOTALL);
    private static final Pattern PARAMS = Pattern.compile("^PARAMS\\s*=\\s*(\\{.*?\\})\\s*$", Pattern.MULTILINE | Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path root;

    private static MonitoringConfig config;

    @BeforeAll
    static void endToEndRun() throws Exception {
        SparkSession spark = SharedSpark.get();
        config = TestConfigs.under(root, Map.of("catalog.database", "monitoring"));
        SampleSpec spec = SampleSpec.builder().records(2_000).days(3).recordsPerFile(1_000)
                .driftFeatures(List.of("amount")).driftStart(Instant.parse("2026-02-02T00:00:00Z"))
                .outputRoot(config.paths().landing()).build();
        new SampleLogGenerator(spec, spark.sparkContext().hadoopConfiguration()).generate();
        TimeWindow window = new TimeWindow(spec.start(), spec.end());
        IngestJob.execute(spark, config, spec.end().plusSeconds(3 * 86_400L), "nb-ingest");
        JoinLabelsJob.execute(spark, config, window, "nb-join");
        StatsJob.execute(spark, config, window, "nb-stats");
        QualityJob.execute(spark, config, window, "nb-quality");
        DriftJob.execute(spark, config, window, "nb-drift");
        RegisterTablesJob.execute(spark, config, "nb-catalog");
    }

    @Test
    void everyNotebookIsValidNbformat4() throws IOException {
        List<Path> notebooks = notebooks();
        assertTrue(notebooks.size() >= 3, "model health, drift investigation, quality by segment");
        for (Path nb : notebooks) {
            JsonNode doc = JSON.readTree(nb.toFile());
            assertEquals(4, doc.path("nbformat").asInt(), nb + " nbformat");
            assertTrue(doc.path("nbformat_minor").isInt(), nb + " nbformat_minor");
            assertTrue(doc.path("metadata").isObject(), nb + " metadata");
            assertTrue(doc.path("cells").isArray() && doc.path("cells").size() > 0, nb + " cells");
            for (JsonNode cell : doc.get("cells")) {
                String type = cell.path("cell_type").asText();
                assertTrue(List.of("code", "markdown", "raw").contains(type), nb + " cell_type " + type);
                assertTrue(cell.path("metadata").isObject(), nb + " cell metadata");
                assertTrue(cell.path("source").isArray() || cell.path("source").isTextual(), nb + " cell source");
                if (type.equals("code")) {
                    assertTrue(cell.path("outputs").isArray(), nb + " code cell outputs");
                    assertTrue(cell.has("execution_count"), nb + " code cell execution_count");
                }
            }
        }
    }

    @Test
    void everySqlStatementRunsAgainstTheTablesOfAnEndToEndRun() throws IOException {
        SparkSession spark = SharedSpark.get();
        int statements = 0;
        List<String> empty = new ArrayList<>();
        for (Path nb : notebooks()) {
            String code = codeOf(nb);
            Map<String, Object> params = params(code);
            Matcher m = SQL.matcher(code);
            while (m.find()) {
                String sql = m.group(1);
                long rows = assertDoesNotThrow(() -> spark.sql(sql, params).count(), () -> nb.getFileName() + ":\n" + sql);
                if (rows == 0) {
                    empty.add(nb.getFileName() + ": " + sql.strip().lines().findFirst().orElse(""));
                }
                statements++;
            }
        }
        assertTrue(statements >= 8, "statements found: " + statements);
        assertTrue(empty.size() <= 1, "queries that found nothing in the demo data: " + empty);
    }

    @Test
    void statsDocumentsFromTheRunsTablesEqualTheSameDocumentsFromItsRawInferences() {
        SparkSession spark = SharedSpark.get();
        List<Row> raw = spark.read().format("delta").load(config.paths().table(TableNames.INFERENCES)).collectAsList();
        List<InferenceStatsRequest> requests = List.of(
                InferenceStatsRequest.parse("default", "2026-02-02 06:00:00", "2026-02-02 12:00:00", null, null),
                InferenceStatsRequest.parse("default", "2026-02-01 00:00:00", "2026-02-04 00:00:00", null, null),
                InferenceStatsRequest.parse("default", "2026-02-02 00:00:00", "2026-02-04 00:00:00", "fraud-detector,hardhat-detector", null));
        List<ObjectNode> documents = InferenceStatsQuery.documents(spark, config, requests);
        for (int i = 0; i < requests.size(); i++) {
            InferenceStatsReferenceTest.assertDocumentsEqual(new ReferenceStats(raw, config, requests.get(i)), documents.get(i),
                    requests.get(i).toString());
            assertTrue(documents.get(i).get("num_inferences").asLong() > 0, requests.get(i) + " has data");
        }
        for (JsonNode row : documents.get(2).get("inference_stats")) {
            assertTrue(List.of("fraud-detector", "hardhat-detector").contains(row.get("model_name").asText()));
        }
    }

    private static List<Path> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            return files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    private static String codeOf(Path nb) throws IOException {
        StringBuilder code = new StringBuilder();
        for (JsonNode cell : JSON.readTree(nb.toFile()).get("cells")) {
            if ("code".equals(cell.path("cell_type").asText())) {
                JsonNode source = cell.get("source");
                if (source.isArray()) {
                    source.forEach(line -> code.append(line.asText()));
                } else {
                    code.append(source.asText());
                }
                code.append('\n');
            }
        }
        return code.toString();
    }

    private static Map<String, Object> params(String code) throws IOException {
        Matcher m = PARAMS.matcher(code);
        Map<String, Object> out = new LinkedHashMap<>();
        if (m.find()) {
            JSON.readTree(m.group(1)).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }
}
