package io.monitoring.jobs;

import static io.monitoring.model.Columns.*;
import static org.junit.jupiter.api.Assertions.*;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.io.PipelineRun;
import io.monitoring.model.TableNames;
import io.monitoring.testing.Landing;
import io.monitoring.testing.SharedSpark;
import io.monitoring.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad lines of every kind beside good ones: each bad one quarantined with its reason, the rest lands. */
class IngestBadInputTest {
    private static final Instant AS_OF = Instant.parse("2026-02-10T00:00:00Z");
    private static final String GOOD_ARIZE = "{\"model_id\":\"fraud\",\"prediction_id\":\"good-%d\",\"prediction\":{\"timestamp\":\"2026-02-09T10:00:00Z\","
            + "\"label\":{\"numeric\":0.5},\"features\":{\"amount\":{\"double\":12.5}}},\"environment_params\":{\"production\":{}}}";
    private static final String GOOD_GUARDIAN = "{\"id\":\"g-%d\",\"monitor_id\":\"intent\",\"prediction\":\"billing\",\"timestamp\":\"2026-02-09T10:00:00Z\"}";
    private final SparkSession spark = SharedSpark.get();

    @TempDir
    Path root;

    @Test
    void everyBadLineIsQuarantinedWithItsReasonAndTheGoodOnesLand() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("{\"model_id\":\"fraud\",\"prediction_id\":\"x1\",\"environment_params\":{\"production\":{}}}", "no_prediction_or_actual");
        bad.put("{\"monitor_id\":\"intent\",\"metadata\":{\"region\":\"north\"}}", "no_prediction_or_actual");
        bad.put("{\"model_id\":\"fraud\",\"prediction_id\":\"x2\",\"prediction\":{\"timestamp\":\"2026-02-09T10:00:00Z\",\"label\":{\"numeric\":1},"
                + "\"features\":{\"flag\":{\"bool\":true}}}}", "invalid_feature_type");
        bad.put("{\"model_id\":\"fraud\",\"prediction_id\":\"x3\",\"prediction\":{\"timestamp\":\"2025-10-01T00:00:00Z\",\"label\":{\"numeric\":1}}}",
                "timestamp_out_of_range");
        bad.put("{\"id\":\"x4\",\"monitor_id\":\"intent\",\"prediction\":\"a\",\"timestamp\":\"2026-02-11T00:00:00Z\"}", "timestamp_out_of_range");
        bad.put("{\"id\":\"x5\",\"monitor_id\":\"intent\",\"prediction\":\"a\",\"timestamp\":\"yesterday\"}", "invalid_timestamp");
        bad.put("{\"id\":\"x6\",\"monitor_id\":\"intent\",\"prediction\":\"a\",\"timestamp\":true}", "invalid_timestamp");
        bad.put("{\"id\":\"x7\",\"monitor_id\":\"intent\",\"prediction\":\"a\",", "malformed_json");
        bad.put("{\"id\":\"x8\",\"monitor_id\":\"intent\",\"prediction\":\"a\"} trailing", "malformed_json");
        bad.put("[1,2,3]", "not_a_json_object");
        bad.put("{\"id\":\"x9\",\"monitor_id\":\"intent\",\"prediction\":\"a\",\"latency_ms\":\"fast\"}", "wrong_type");
        bad.put("{\"id\":\"x10\",\"monitor_id\":\"intent\",\"prediction\":\"a\",\"input_data\":[1,2]}", "wrong_type");
        bad.put("{\"prediction_id\":\"x11\",\"prediction\":{\"label\":{\"numeric\":1}},\"environment_params\":{\"production\":{}}}", "missing_model_id");
        bad.put("{\"id\":\"x12\",\"prediction\":\"a\",\"timestamp\":\"2026-02-09T10:00:00Z\"}", "missing_model_id");
        bad.put("{\"model_id\":\"fraud\",\"prediction\":{\"label\":{\"numeric\":1}}}", "missing_prediction_id");
        bad.put("{\"model_id\":\"fraud\",\"prediction_id\":\"x13\",\"prediction\":{\"label\":{\"text\":\"x\"}}}", "invalid_label");
        bad.put("{\"id\":\"x14\",\"monitor_id\":\"intent\",\"prediction\":\"a\",\"id\":\"x15\"}", "duplicate_key");
        bad.put("{\"hello\":\"world\"}", "unrecognized_record");
        bad.put(oversizedBatch(1001), "batch_too_large");

        List<String> lines = new ArrayList<>();
        List<String> expectedReasons = new ArrayList<>();
        int good = 0;
        for (Map.Entry<String, String> e : bad.entrySet()) {
            lines.add(String.format(good % 2 == 0 ? GOOD_ARIZE : GOOD_GUARDIAN, good));
            good++;
            lines.add(e.getKey());
            expectedReasons.add(e.getValue());
        }
        Instant landed = Instant.parse("2026-02-09T12:00:00Z");
        Landing.write(root, "landing/inferences/mixed.jsonl", String.join("\n", lines) + "\n", landed);
        Landing.writeGzip(root, "landing/inferences/good.jsonl.gz", String.format(GOOD_GUARDIAN, 100) + "\n", landed);
        Landing.writeBytes(root, "landing/inferences/empty.jsonl.gz", new byte[0], landed);
        Landing.writeBytes(root, "landing/inferences/zero.jsonl", new byte[0], landed);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            many.append(String.format(GOOD_GUARDIAN, 1000 + i)).append('\n');
        }
        Landing.writeBytes(root, "landing/inferences/truncated.jsonl.gz", Landing.truncatedGzip(many.toString()), landed);
        MonitoringConfig config = TestConfigs.under(root);

        PipelineRun run = IngestJob.execute(spark, config, AS_OF, "bad-input");

        List<Row> quarantine = spark.read().format("delta").load(config.paths().table(TableNames.QUARANTINE))
                .orderBy(SOURCE_FILE, SOURCE_LINE).collectAsList();
        Map<Long, String> mixedReasons = new TreeMap<>();
        Map<String, String> fileReasons = new TreeMap<>();
        for (Row q : quarantine) {
            String file = q.getAs(SOURCE_FILE);
            String name = file.substring(file.lastIndexOf('/') + 1);
            if (name.equals("mixed.jsonl")) {
                mixedReasons.put(q.getAs(SOURCE_LINE), q.getAs(REASON));
                assertNotNull(q.getAs(RAW_TEXT));
                assertNotNull(q.getAs(DETAIL));
            } else {
                fileReasons.put(name, q.getAs(REASON));
            }
        }
        List<String> actualReasons = new ArrayList<>(mixedReasons.values());
        assertEquals(expectedReasons, actualReasons);
        for (long line : mixedReasons.keySet()) {
            assertEquals(0, line % 2, "bad lines are the even lines of mixed.jsonl");
        }
        assertEquals(Map.of("empty.jsonl.gz", "unreadable_file", "zero.jsonl", "empty_file", "truncated.jsonl.gz", "unreadable_file"),
                fileReasons);

        Row batch = quarantine.stream().filter(q -> "batch_too_large".equals(q.getAs(REASON))).findFirst().orElseThrow();
        assertTrue((Boolean) batch.getAs(RAW_TRUNCATED), "a huge raw line is kept only up to the configured size");
        assertEquals(config.ingest().maxRawChars(), ((String) batch.getAs(RAW_TEXT)).length());

        long landedGood = spark.read().format("delta").load(config.paths().table(TableNames.INFERENCES)).count();
        long truncatedKept = spark.read().format("delta").load(config.paths().table(TableNames.INFERENCES))
                .where(SOURCE_FILE + " like '%truncated.jsonl.gz'").count();
        assertTrue(truncatedKept > 0 && truncatedKept < 2000, "records before the truncation point still land: " + truncatedKept);
        assertEquals(good + 1 + truncatedKept, landedGood);
        assertEquals(expectedReasons.size() + 3, run.recordsQuarantined());
        assertEquals(run.recordsRead(), run.recordsWritten() + run.recordsQuarantined());
        assertEquals(landedGood, run.recordsWritten());
        assertEquals("succeeded", run.status());
    }

    private static String oversizedBatch(int records) {
        StringBuilder b = new StringBuilder("{\"monitor_id\":\"ranker\",\"inferences\":[");
        for (int i = 0; i < records; i++) {
            b.append(i == 0 ? "" : ",").append("{\"prediction\":{\"product_ids\":[\"p").append(i).append("\"]},\"timestamp\":\"2026-02-09T10:00:00Z\"}");
        }
        return b.append("]}").toString();
    }
}
