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
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed documents' own examples, fed through ingest and checked field by field. */
class IngestSeedRecordsTest {
    private final SparkSession spark = SharedSpark.get();

    @TempDir
    Path root;

    @Test
    void guardianSingleRecordAndBatchEnvelopeFromSeed000() {
        Instant landed = Instant.parse("2026-02-01T10:30:00Z");
        Landing.copyResource(root, "landing/inferences/monitor_id=mon_abc123/single.jsonl", "/seeds/guardian-single.jsonl", landed);
        Landing.copyResource(root, "landing/inferences/monitor_id=mon_abc123/batch.jsonl", "/seeds/guardian-batch.jsonl", landed.plusSeconds(5));
        MonitoringConfig config = TestConfigs.under(root, Map.of("models.monitor-to-model.mon_abc123", "product-ranker"));

        PipelineRun run = IngestJob.execute(spark, config, Instant.parse("2026-02-02T00:00:00Z"), "seed-000");

        assertEquals(3, run.recordsRead());
        assertEquals(3, run.recordsWritten());
        assertEquals(0, run.recordsQuarantined());
        List<Row> rows = table(config, TableNames.INFERENCES).orderBy(SOURCE_FILE, RECORD_INDEX).collectAsList();
        assertEquals(3, rows.size());

        Row b0 = rows.get(0);
        Row b1 = rows.get(1);
        Row single = rows.get(2);
        for (Row r : rows) {
            assertEquals("product-ranker", r.getAs(MODEL_ID));
            assertEquals("ranking", r.getAs(PREDICTION_KIND));
            assertEquals(List.of("p456", "p789", "p012"), r.getList(r.fieldIndex(PREDICTION_RANKED_ITEMS)));
            assertEquals(List.of(0.92, 0.87, 0.81), r.getList(r.fieldIndex(PREDICTION_RANKED_SCORES)));
            assertEquals("p456", r.getAs(PREDICTION_LABEL));
            assertEquals(0.92, (Double) r.getAs(PREDICTION_SCORE), 0.0);
            assertNull(r.getAs(PREDICTION_VALUE));
            assertEquals(Map.of("session_duration", 245.0), r.getJavaMap(r.fieldIndex(NUMERIC_FEATURES)));
            assertEquals(Map.of("user_id", "u123", "category", "electronics", "price_range", "mid"),
                    r.getJavaMap(r.fieldIndex(CATEGORICAL_FEATURES)));
            assertTrue(r.getJavaMap(r.fieldIndex(EMBEDDING_FEATURES)).isEmpty());
            assertEquals(Map.of("user_segment", "premium", "region", "north", "platform", "mobile"), r.getJavaMap(r.fieldIndex(TAGS)));
            assertEquals("production", r.getAs(ENVIRONMENT));
            assertFalse((Boolean) r.getAs(IS_ERROR));
            assertNull(r.getAs(ERROR_JSON));
            assertNull(r.getAs(MODEL_VERSION));
            assertTrue(((String) r.getAs(INFERENCE_ID)).startsWith("h_"), "Guardian records without id get a content hash");
            assertEquals("{\"product_ids\":[\"p456\",\"p789\",\"p012\"],\"scores\":[0.92,0.87,0.81]}", r.getAs(PREDICTION_JSON));
        }
        assertEquals("guardian_batch", b0.getAs(SOURCE_FORMAT));
        assertEquals(0, (Integer) b0.getAs(RECORD_INDEX));
        assertEquals(1, (Integer) b1.getAs(RECORD_INDEX));
        assertEquals(Instant.parse("2026-02-01T10:30:00Z"), b0.getAs(EVENT_TIME));
        assertEquals(Instant.parse("2026-02-01T10:30:01Z"), b1.getAs(EVENT_TIME));
        assertEquals(45.0, (Double) b0.getAs(LATENCY_MS), 0.0);
        assertEquals(52.0, (Double) b1.getAs(LATENCY_MS), 0.0);
        assertNotEquals((String) b0.getAs(INFERENCE_ID), (String) b1.getAs(INFERENCE_ID));

        assertEquals("guardian", single.getAs(SOURCE_FORMAT));
        assertNull(single.getAs(RECORD_INDEX));
        assertEquals(1L, (Long) single.getAs(SOURCE_LINE));
        assertEquals(landed, single.getAs(EVENT_TIME), "no timestamp in the record: the time its file landed");
        assertEquals(LocalDate.parse("2026-02-01"), single.getAs(EVENT_DATE));
        assertEquals(45.0, (Double) single.getAs(LATENCY_MS), 0.0);
        assertTrue(((String) single.getAs(SOURCE_FILE)).endsWith("monitor_id=mon_abc123/single.jsonl"));
        assertEquals(0, table(config, TableNames.ACTUALS).count());
        assertEquals(0, table(config, TableNames.QUARANTINE).count());
    }

    @Test
    void aRecordDeliveredInTwoFilesOfOneBatchIsStoredOnceFromTheFirstFile() {
        Instant landed = Instant.parse("2020-10-02T01:00:00Z");
        Landing.copyResource(root, "landing/inferences/2020-10-02/b.jsonl", "/seeds/arize-numeric.jsonl", landed);
        Landing.copyResource(root, "landing/inferences/2020-10-02/a.jsonl", "/seeds/arize-numeric.jsonl", landed.plusSeconds(60));
        // an actual without timestamp takes its file's landing time, part of its id: both copies landed at once
        Landing.copyResource(root, "landing/actuals/2020-10-04/b.jsonl", "/seeds/arize-actual-only.jsonl", landed.plusSeconds(120));
        Landing.copyResource(root, "landing/actuals/2020-10-04/a.jsonl", "/seeds/arize-actual-only.jsonl", landed.plusSeconds(120));
        MonitoringConfig config = TestConfigs.under(root);

        PipelineRun run = IngestJob.execute(spark, config, Instant.parse("2020-10-05T00:00:00Z"), "seed-001-twice");

        assertEquals(4, run.recordsRead());
        assertEquals(1L, run.metrics().get("inferences_inserted"));
        // the inference's inline actual and the actual-only record, each delivered twice
        assertEquals(2L, run.metrics().get("actuals_inserted"));
        List<Row> inferences = table(config, TableNames.INFERENCES).collectAsList();
        assertEquals(1, inferences.size());
        assertTrue(((String) inferences.get(0).getAs(SOURCE_FILE)).endsWith("2020-10-02/a.jsonl"), "the first file by path wins");
        List<Row> actuals = table(config, TableNames.ACTUALS).collectAsList();
        assertEquals(2, actuals.size());
        for (Row actual : actuals) {
            assertTrue(((String) actual.getAs(SOURCE_FILE)).endsWith("/a.jsonl"), "the first file by path wins: " + actual);
        }
    }

    @Test
    void arizeNumericRecordScoreCategoricalActualOnlyFromSeed001() {
        Landing.copyResource(root, "landing/inferences/2020-10-02/numeric.jsonl", "/seeds/arize-numeric.jsonl",
                Instant.parse("2020-10-02T01:00:00Z"));
        Instant actualLanded = Instant.parse("2020-10-04T08:00:00Z");
        Landing.copyResource(root, "landing/actuals/2020-10-04/actual.jsonl", "/seeds/arize-actual-only.jsonl", actualLanded);
        MonitoringConfig config = TestConfigs.under(root);

        PipelineRun run = IngestJob.execute(spark, config, Instant.parse("2020-10-05T00:00:00Z"), "seed-001");

        assertEquals(2, run.recordsRead());
        assertEquals(2, run.recordsWritten());
        assertEquals(0, run.recordsQuarantined());

        List<Row> inferences = table(config, TableNames.INFERENCES).collectAsList();
        assertEquals(1, inferences.size());
        Row p = inferences.get(0);
        assertEquals("example_model_id", p.getAs(MODEL_ID));
        assertEquals("ef00f52c-d6d4-4e48-84cd-70166b3f423f", p.getAs(INFERENCE_ID));
        assertEquals("v0.1", p.getAs(MODEL_VERSION));
        assertEquals("production", p.getAs(ENVIRONMENT));
        assertEquals("arize", p.getAs(SOURCE_FORMAT));
        assertEquals(Instant.parse("2020-10-02T00:37:30.208687Z"), p.getAs(EVENT_TIME));
        assertEquals("regression", p.getAs(PREDICTION_KIND));
        assertEquals(0.1, (Double) p.getAs(PREDICTION_VALUE), 0.0);
        assertNull(p.getAs(PREDICTION_LABEL));
        Map<String, Double> numeric = p.getJavaMap(p.fieldIndex(NUMERIC_FEATURES));
        assertEquals(15, numeric.size()); // 10 double + 5 int features
        assertEquals(0.6604474844066184, numeric.get("feature_1_float"), 0.0);
        assertEquals(77.0, numeric.get("feature_0_np_ll"), 0.0);
        assertEquals(74.0, numeric.get("feature_4_np_ll"), 0.0);
        assertEquals(0.543297819558724, numeric.get("feature_4_np"), 0.0);
        Map<String, String> categorical = p.getJavaMap(p.fieldIndex(CATEGORICAL_FEATURES));
        assertEquals(10, categorical.size());
        assertEquals("str val", categorical.get("feature_2_str"));
        assertEquals("True", categorical.get("feature_4_bool"));
        Map<String, scala.collection.Seq<Double>> embeddings = p.getJavaMap(p.fieldIndex(EMBEDDING_FEATURES));
        assertEquals(3, embeddings.size());
        assertEquals(List.of(1.0, 2.0, 3.0), scala.collection.JavaConverters.seqAsJavaList(embeddings.get("image_embedding")));
        assertEquals(List.of(4.0, 5.0, 6.0, 7.0), scala.collection.JavaConverters.seqAsJavaList(embeddings.get("nlp_embedding_tokens")));
        assertEquals(Map.of("tag_str", "arize", "tag_int", "0", "tag_double", "20.2", "tag_bool", "True"), p.getJavaMap(p.fieldIndex(TAGS)));

        List<Row> actuals = table(config, TableNames.ACTUALS).orderBy(INFERENCE_ID).collectAsList();
        assertEquals(2, actuals.size());
        Row orange = actuals.get(0);
        assertEquals("027ed30c-6333-4eab-9492-61e117b1b46f", orange.getAs(INFERENCE_ID));
        assertEquals("example_model_id", orange.getAs(MODEL_ID));
        assertEquals("label", orange.getAs(ACTUAL_KIND));
        assertEquals("orange", orange.getAs(ACTUAL_LABEL));
        assertNull(orange.getAs(ACTUAL_VALUE));
        assertEquals(actualLanded, orange.getAs(ACTUAL_TIME), "an actual-only record without timestamp: its landing time");
        assertEquals("{\"score_categorical\":{\"score_category\":{\"category\":\"orange\",\"score\":1.0}}}", orange.getAs(ACTUAL_JSON));

        Row inline = actuals.get(1);
        assertEquals("ef00f52c-d6d4-4e48-84cd-70166b3f423f", inline.getAs(INFERENCE_ID));
        assertEquals("numeric", inline.getAs(ACTUAL_KIND));
        assertEquals(0.1, (Double) inline.getAs(ACTUAL_VALUE), 0.0);
        assertEquals(Instant.parse("2020-10-02T00:37:30.208687Z"), inline.getAs(ACTUAL_TIME));
        assertEquals(Map.of("tag_str", "arize", "tag_int", "0", "tag_double", "20.2", "tag_bool", "True"), inline.getJavaMap(inline.fieldIndex(TAGS)));
    }

    private org.apache.spark.sql.Dataset<Row> table(MonitoringConfig config, String name) {
        return spark.read().format("delta").load(config.paths().table(name));
    }
}
