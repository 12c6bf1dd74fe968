package io.monitoring.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitoring.config.MonitoringConfig;
import io.monitoring.io.PipelineRun;
import io.monitoring.model.TableNames;
import io.monitoring.stats.InferenceStatsDocument;
import io.monitoring.stats.InferenceStatsQuery;
import io.monitoring.stats.InferenceStatsRequest;
import io.monitoring.stats.TimeWindow;
import io.monitoring.testing.SharedSpark;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Inferences built to the seed-002 example's counts give the golden document, in the seed's shape. */
class InferenceStatsGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode doc;
    private static MonitoringConfig config;

    @BeforeAll
    static void computeDocument() {
        SparkSession spark = SharedSpark.get();
        config = SeedExampleFixture.statsComputed();
        doc = InferenceStatsQuery.document(spark, config, InferenceStatsRequest.parse(
                "default", "2024-05-02 00:00:00", "2024-05-03 00:00:00", null, null));
    }

    @Test
    void documentEqualsTheGoldenFile() throws IOException {
        JsonNode golden = resource("golden/inference-stats-seed-002.json");
        JsonNode actual = JSON.readTree(InferenceStatsDocument.toBytes(doc));
        assertEquals(golden, actual, () -> "actual document:\n" + new String(InferenceStatsDocument.toBytes(doc), StandardCharsets.UTF_8));
    }

    @Test
    void countsAreTheSeedExamplesCounts() throws IOException {
        JsonNode seed = resource("golden/seed-002-example.json");
        for (String key : List.of("num_inferences", "prev_num_inferences", "num_errors", "prev_num_errors")) {
            assertEquals(seed.get(key), JSON.readTree(doc.get(key).toString()), key);
        }
        assertEquals(seed.get("inference_stats").size(), doc.get("inference_stats").size());
        for (int i = 0; i < seed.get("inference_stats").size(); i++) {
            JsonNode want = seed.get("inference_stats").get(i);
            JsonNode got = doc.get("inference_stats").get(i);
            for (String key : List.of("model_name", "predicted_class", "num_inferences", "prev_num_inferences", "class_count",
                    "model_num_inferences", "prev_model_num_inferences", "deployment_types", "inference_server_versions")) {
                assertEquals(want.get(key).asText(), got.get(key).asText(), "row " + i + " " + key);
            }
            for (String key : InferenceStatsDocument.ROW_KEYS) {
                if (!key.endsWith("num_errors")) {
                    // the seed's nulls are the periods in which a row's group is absent; its num_errors are
                    // null in every row, where this document counts the group's failed inferences
                    assertEquals(want.get(key).isNull(), got.get(key).isNull(), "row " + i + " " + key + " null as in the seed");
                }
            }
        }
    }

    @Test
    void keysAndValueTypesAreTheSeeds() throws IOException {
        JsonNode seed = resource("golden/seed-002-example.json");
        assertEquals(fieldNames(seed), fieldNames(doc));
        assertEquals(InferenceStatsDocument.TOP_LEVEL_KEYS, fieldNames(doc));
        for (String key : InferenceStatsDocument.TOP_LEVEL_KEYS) {
            assertEquals(seed.get(key).getNodeType(), doc.get(key).getNodeType(), key);
        }
        for (JsonNode row : doc.get("inference_stats")) {
            assertEquals(fieldNames(seed.get("inference_stats").get(0)), fieldNames(row));
            assertEquals(InferenceStatsDocument.ROW_KEYS, fieldNames(row));
            for (String key : InferenceStatsDocument.ROW_KEYS) {
                JsonNode want = seed.get("inference_stats").get(0).get(key);
                JsonNode got = row.get(key);
                if (want.isTextual()) {
                    assertTrue(got.isTextual(), key + " must be a string");
                } else {
                    assertTrue(got.isNumber() || got.isNull(), key + " must be a number or null");
                }
            }
        }
    }

    @Test
    void statsDocPrintsThePublishedBytes() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        StatsDocCommand.print(SharedSpark.get(), config, InferenceStatsRequest.parse(
                "default", "2024-05-02 00:00:00", "2024-05-03 00:00:00", null, null), out);
        org.junit.jupiter.api.Assertions.assertArrayEquals(InferenceStatsDocument.toBytes(doc), out.toByteArray());
    }

    @Test
    void rerunningStatsReplacesItsRowsAndRecordsEachRun() {
        SparkSession spark = SharedSpark.get();
        String table = config.paths().table(TableNames.INFERENCE_STATS);
        List<String> before = tableRows(spark, table);
        PipelineRun rerun = StatsJob.execute(spark, config, new TimeWindow(SeedExampleFixture.PREV_DAY, SeedExampleFixture.NEXT_DAY), "rerun");
        assertEquals(before, tableRows(spark, table));
        assertEquals(410, rerun.recordsRead(), "production inferences of the two days");
        assertEquals(before.size(), rerun.recordsWritten());
        assertEquals(48, rerun.metrics().get("hours"));
        List<Row> runs = spark.read().format("delta").load(config.paths().table(TableNames.PIPELINE_RUNS))
                .where("job = 'stats' AND status = 'succeeded'").collectAsList();
        assertTrue(runs.size() >= 2, "the first run and the rerun");
        for (Row r : runs) {
            assertEquals(410L, r.<Long>getAs("records_read"));
            assertEquals((long) before.size(), r.<Long>getAs("records_written"));
        }
    }

    /** The table's rows as sorted strings (sketch bytes included), to compare two states. */
    private static List<String> tableRows(SparkSession spark, String table) {
        List<String> rows = new ArrayList<>();
        for (Row r : spark.read().format("delta").load(table).collectAsList()) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.length(); i++) {
                Object v = r.get(i);
                b.append(v instanceof byte[] bytes ? java.util.Base64.getEncoder().encodeToString(bytes) : String.valueOf(v)).append('|');
            }
            rows.add(b.toString());
        }
        java.util.Collections.sort(rows);
        return rows;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }

    private static JsonNode resource(String name) throws IOException {
        try (InputStream in = InferenceStatsGoldenTest.class.getClassLoader().getResourceAsStream(name)) {
            return JSON.readTree(in);
        }
    }
}
