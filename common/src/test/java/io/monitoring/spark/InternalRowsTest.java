package io.monitoring.spark;

import static io.monitoring.model.Columns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.monitoring.ingest.RowBuilder;
import io.monitoring.model.Schemas;
import io.monitoring.testing.SharedSpark;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.catalyst.encoders.RowEncoder;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.junit.jupiter.api.Test;

/** {@link InternalRows} makes the internal rows Spark's own row encoder makes, and refuses what it refuses. */
class InternalRowsTest {
    private static final InternalRows PARSED = InternalRows.of(Schemas.PARSED);

    @Test
    void everyTypeOfTheParsedRowsConvertsAsTheRowEncoderConvertsIt() {
        ExpressionEncoder.Serializer<Row> encoder = ExpressionEncoder.apply(RowEncoder.encoderFor(Schemas.PARSED, true)).createSerializer();
        UnsafeProjection unsafe = UnsafeProjection.create(Schemas.PARSED);
        for (Row row : List.of(parsed(inference(), null), parsed(null, actual()), quarantine())) {
            InternalRow expected = encoder.apply(row).copy();
            assertEquals(expected, unsafe.apply(PARSED.toInternal(row)), row.toString());
        }
    }

    @Test
    void aDatasetOverTheConvertedRowsReadsBackTheRowsGiven() {
        SparkSession spark = SharedSpark.get();
        List<Row> rows = List.of(parsed(inference(), null), parsed(null, actual()), quarantine());
        JavaRDD<Row> rdd = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 2);
        List<Row> viaInternalRows = PARSED.dataset(spark, rdd).collectAsList();
        List<Row> viaCreateDataFrame = spark.createDataFrame(rows, Schemas.PARSED).collectAsList();
        assertEquals(viaCreateDataFrame, viaInternalRows);
        assertEquals(Schemas.PARSED, PARSED.dataset(spark, rdd).schema());
    }

    @Test
    void aNullInANonNullableFieldFailsNamingTheField() {
        Row inference = new RowBuilder(Schemas.INFERENCE).set(MODEL_ID, "m").build();
        NullPointerException e = assertThrows(NullPointerException.class, () -> PARSED.toInternal(parsed(inference, null)));
        assertTrue(e.getMessage().contains("row." + INFERENCE + "." + INFERENCE_ID), e.getMessage());
    }

    @Test
    void aValueOfTheWrongTypeFailsNamingTheFieldAndTheType() {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("age", 42); // an Integer in a map of doubles
        Row inference = inferenceBuilder().set(NUMERIC_FEATURES, features).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PARSED.toInternal(parsed(inference, null)));
        assertTrue(e.getMessage().contains(NUMERIC_FEATURES + ".value: expected Double, got java.lang.Integer"), e.getMessage());
    }

    @Test
    void aNullMapKeyFails() {
        Map<String, Double> features = new LinkedHashMap<>();
        features.put(null, 1.0);
        Row inference = inferenceBuilder().set(NUMERIC_FEATURES, features).build();
        assertThrows(NullPointerException.class, () -> PARSED.toInternal(parsed(inference, null)));
    }

    private static Row parsed(Row inference, Row actual) {
        return new GenericRowWithSchema(new Object[] {inference, actual, null}, Schemas.PARSED);
    }

    private static Row quarantine() {
        Row q = new RowBuilder(Schemas.QUARANTINE_ROW)
                .set(QUARANTINE_ID, "q1").set(REASON, "malformed_json").set(SOURCE_FILE, "s3a://b/f.jsonl")
                .set(RAW_TEXT, "{not json").set(RAW_BYTES, 9L).set(RAW_TRUNCATED, false)
                .build();
        return new GenericRowWithSchema(new Object[] {null, null, q}, Schemas.PARSED);
    }

    private static Row inference() {
        Map<String, Double> numeric = new LinkedHashMap<>();
        numeric.put("price", 12.5);
        numeric.put("missing", null);
        Map<String, List<Double>> embeddings = Map.of("query", List.of(0.25, -1.0));
        Row detection = new RowBuilder(Schemas.DETECTION).set(DETECTION_CLASS, "cat").set(DETECTION_CONFIDENCE, 0.9).build();
        return inferenceBuilder()
                .set(MODEL_VERSION, null)
                .set(PREDICTION_SCORE, 0.75)
                .set(PREDICTION_CLASS_SCORES, Map.of("cat", 0.75, "dog", 0.25))
                .set(PREDICTION_RANKED_ITEMS, List.of("p1", "p2"))
                .set(PREDICTION_RANKED_SCORES, List.of(0.5, 0.25))
                .set(PREDICTION_DETECTIONS, List.of(detection))
                .set(NUMERIC_FEATURES, numeric)
                .set(CATEGORICAL_FEATURES, Map.of("device", "mobile", "région", "nörd"))
                .set(EMBEDDING_FEATURES, embeddings)
                .set(LATENCY_MS, 38.0)
                .build();
    }

    private static RowBuilder inferenceBuilder() {
        return new RowBuilder(Schemas.INFERENCE)
                .set(MODEL_ID, "m1").set(INFERENCE_ID, "i1").set(ENVIRONMENT, "production")
                .set(EVENT_TIME, Instant.parse("1969-12-31T23:59:59.123456Z")).set(EVENT_DATE, LocalDate.parse("1969-12-31"))
                .set(SOURCE_FORMAT, "guardian").set(PREDICTION_KIND, "classification")
                .set(NUMERIC_FEATURES, Map.of()).set(CATEGORICAL_FEATURES, Map.of()).set(EMBEDDING_FEATURES, Map.of())
                .set(TAGS, Map.of("region", "north")).set(IS_ERROR, false)
                .set(SOURCE_FILE, "file:/landing/f.jsonl.gz").set(SOURCE_LINE, 7L).set(RECORD_INDEX, 2)
                .set(LANDED_AT, Instant.parse("2026-02-01T00:00:00Z"));
    }

    private static Row actual() {
        return new RowBuilder(Schemas.ACTUAL)
                .set(MODEL_ID, "m1").set(INFERENCE_ID, "i1").set(ACTUAL_ID, "a1")
                .set(ACTUAL_TIME, Instant.parse("2026-02-02T10:00:00Z")).set(ACTUAL_DATE, LocalDate.parse("2026-02-02"))
                .set(SOURCE_FORMAT, "arize").set(ACTUAL_KIND, "ranking")
                .set(ACTUAL_ITEMS, List.of("p1")).set(ACTUAL_RELEVANCE, List.of(1.0)).set(ACTUAL_JSON, "{}")
                .set(TAGS, Map.of()).set(SOURCE_FILE, "file:/landing/a.jsonl").set(SOURCE_LINE, 1L)
                .set(LANDED_AT, Instant.parse("2026-02-02T11:00:00Z"))
                .build();
    }
}
