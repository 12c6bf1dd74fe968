package io.monitoring.stats;

import static io.monitoring.model.Columns.*;
import static io.monitoring.testing.Inferences.inference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.monitoring.config.ConfigLoader;
import io.monitoring.config.MonitoringConfig;
import io.monitoring.model.Schemas;
import io.monitoring.testing.SharedSpark;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class InferenceStatsAggregationTest {
    private static final Instant H10 = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant H11 = Instant.parse("2024-05-01T11:00:00Z");
    private static final TimeWindow DAY = new TimeWindow(Instant.parse("2024-05-01T00:00:00Z"), Instant.parse("2024-05-02T00:00:00Z"));

    private final SparkSession spark = SharedSpark.get();

    private Map<String, Row> stats(MonitoringConfig config, List<Row> rows) {
        Dataset<Row> inferences = spark.createDataFrame(rows, Schemas.INFERENCE);
        Dataset<Row> out = InferenceStatsAggregation.hourlyStats(InferenceStatsAggregation.productionInWindow(inferences, DAY), config);
        assertEquals(Schemas.INFERENCE_STATS.fieldNames().length, out.columns().length);
        assertTrue(Arrays.equals(Schemas.INFERENCE_STATS.fieldNames(), out.columns()));
        Map<String, Row> byKey = new HashMap<>();
        for (Row r : out.collectAsList()) {
            String key = String.join("|", String.valueOf((Object) r.getAs(WINDOW_START)), r.getAs(MODEL_ID), String.valueOf((Object) r.getAs(MODEL_VERSION)),
                    r.getAs(LEVEL), String.valueOf((Object) r.getAs(PREDICTED_CLASS)), String.valueOf((Object) r.getAs(SLICE_KEY)),
                    String.valueOf((Object) r.getAs(SLICE_VALUE)));
            assertNull(byKey.put(key, r), "duplicate group " + key);
        }
        return byKey;
    }

    private static String key(Instant hour, String model, String level, String cls) {
        return key(hour, model, level, cls, null, null);
    }

    private static String key(Instant hour, String model, String level, String cls, String sliceKey, String sliceValue) {
        return String.join("|", hour.toString(), model, "v1", level, String.valueOf(cls), String.valueOf(sliceKey), String.valueOf(sliceValue));
    }

    private static long getLong(Row r, String column) {
        return r.<Long>getAs(column);
    }

    @Test
    void detectionBoxesCountPerClassButInferencesOnce() {
        List<Row> rows = List.of(
                inference("det", "1", H10.plusSeconds(5)).detection("X", 0.9, "X", 0.8, "X", 0.7, "Y", 0.6).latency(100.0).build(),
                inference("det", "2", H10.plusSeconds(50)).detection("X", 0.5).latency(300.0).build());
        Map<String, Row> s = stats(ConfigLoader.defaults(), rows);

        Row x = s.get(key(H10, "det", "class", "X"));
        assertEquals(2, getLong(x, NUM_INFERENCES));
        assertEquals(4, getLong(x, CLASS_COUNT));
        assertEquals(4, getLong(x, CONFIDENCE_COUNT));
        assertEquals(0, new BigDecimal("2.9").compareTo(x.getAs(CONFIDENCE_SUM)));
        assertEquals(2, getLong(x, LATENCY_COUNT), "latency once per inference, not per box");
        assertEquals(0, new BigDecimal("400").compareTo(x.getAs(LATENCY_SUM_MS)));
        KllDoublesSketch sketch = KllSketches.fromBytes(x.getAs(CONFIDENCE_SKETCH));
        assertEquals(4, sketch.getN());
        assertEquals(2, KllSketches.fromBytes(x.getAs(LATENCY_SKETCH)).getN());

        Row y = s.get(key(H10, "det", "class", "Y"));
        assertEquals(1, getLong(y, NUM_INFERENCES));
        assertEquals(1, getLong(y, CLASS_COUNT));

        Row model = s.get(key(H10, "det", "model", null));
        assertEquals(2, getLong(model, NUM_INFERENCES));
        assertEquals(5, getLong(model, CLASS_COUNT));
        assertEquals(5, getLong(model, CONFIDENCE_COUNT));
        assertEquals(2, getLong(model, LATENCY_COUNT));
        assertEquals(3, s.size());
    }

    @Test
    void inferencesWithoutAClassPredictionHaveTheEmptyClass() {
        List<Row> rows = List.of(
                inference("m", "err", H10).error().latency(5.0).build(),
                inference("m", "reg", H10).regression(3.5).build(),
                inference("m", "rank", H10).ranking(List.of("p1", "p2"), List.of(0.9, 0.1)).build(),
                inference("m", "none", H10).kind("none").build(),
                inference("m", "other", H10).kind("other").build(),
                inference("m", "nobox", H10).detection().build(),
                inference("m", "nolabel", H10).classification(null, 0.3).build(),
                inference("m", "cat", H10).classification("cat", 0.75).latency(10.0).build());
        Map<String, Row> s = stats(ConfigLoader.defaults(), rows);

        Row empty = s.get(key(H10, "m", "class", ""));
        assertEquals(7, getLong(empty, NUM_INFERENCES));
        assertEquals(7, getLong(empty, CLASS_COUNT));
        assertEquals(1, getLong(empty, NUM_ERRORS));
        assertEquals(0, getLong(empty, CONFIDENCE_COUNT));
        assertEquals(0, BigDecimal.ZERO.compareTo(empty.getAs(CONFIDENCE_SUM)));
        assertNull(empty.getAs(CONFIDENCE_SKETCH));
        assertEquals(1, getLong(empty, LATENCY_COUNT));

        Row cat = s.get(key(H10, "m", "class", "cat"));
        assertEquals(1, getLong(cat, NUM_INFERENCES));
        assertEquals(0, getLong(cat, NUM_ERRORS));
        assertEquals(1, getLong(cat, CONFIDENCE_COUNT));

        Row model = s.get(key(H10, "m", "model", null));
        assertEquals(8, getLong(model, NUM_INFERENCES));
        assertEquals(1, getLong(model, NUM_ERRORS));
        assertEquals(2, getLong(model, LATENCY_COUNT));
    }

    @Test
    void onlyProductionInferencesInsideTheWindowInHourlyBuckets() {
        List<Row> rows = List.of(
                inference("m", "a", H11.minusMillis(1)).classification("c", 0.5).build(),
                inference("m", "b", H11).classification("c", 0.5).build(),
                inference("m", "t", H10).classification("c", 0.5).environment("training").build(),
                inference("m", "v", H10).classification("c", 0.5).environment("validation").build(),
                inference("m", "late", DAY.end()).classification("c", 0.5).build(),
                inference("m", "early", DAY.start().minusSeconds(1)).classification("c", 0.5).build());
        Map<String, Row> s = stats(ConfigLoader.defaults(), rows);

        Row ten = s.get(key(H10, "m", "model", null));
        assertEquals(1, getLong(ten, NUM_INFERENCES));
        assertEquals(H11, ten.getAs(WINDOW_END));
        assertEquals(LocalDate.parse("2024-05-01"), ten.getAs(EVENT_DATE));
        assertEquals(1, getLong(s.get(key(H11, "m", "model", null)), NUM_INFERENCES));
        assertEquals(4, s.size(), "two hours x (model + class)");
    }

    @Test
    void servingFactsComeFromTheFirstConfiguredTagPresent() {
        List<Row> rows = List.of(
                inference("m", "1", H10).classification("c", 0.5).tag("deployment_type", "hosted").tag("deployment", "edge")
                        .tag("inference_server_version", "0.16.0").build(),
                inference("m", "2", H10).classification("c", 0.5).tag("deployment", "edge").tag("server_version", "0.15.3").build(),
                inference("m", "3", H10).classification("d", 0.5).tag("deployment_type", "hosted").build(),
                inference("m", "4", H10).classification("d", 0.5).build());
        Map<String, Row> s = stats(ConfigLoader.defaults(), rows);

        Row c = s.get(key(H10, "m", "class", "c"));
        assertEquals(List.of("edge", "hosted"), c.getList(c.fieldIndex(DEPLOYMENT_TYPES)));
        assertEquals(List.of("0.15.3", "0.16.0"), c.getList(c.fieldIndex(SERVER_VERSIONS)));
        Row d = s.get(key(H10, "m", "class", "d"));
        assertEquals(List.of("hosted"), d.getList(d.fieldIndex(DEPLOYMENT_TYPES)));
        assertEquals(List.of(), d.getList(d.fieldIndex(SERVER_VERSIONS)));
    }

    @Test
    void segmentValuesAreCappedPerModelAndKeyByCountThenValue() {
        MonitoringConfig config = ConfigLoader.load(null, Map.of("segments.max-values-per-key", "2"));
        List<Row> rows = new ArrayList<>();
        String[] values = {"a", "a", "a", "c", "c", "b", "b", "d"};
        for (int i = 0; i < values.length; i++) {
            rows.add(inference("m", "i" + i, H10).classification("x", 0.5).tag("user_segment", values[i]).build());
        }
        rows.add(inference("m", "no-tags", H10).classification("x", 0.5).build());
        rows.add(inference("m", "r", H10).classification("x", 0.5).tag("region", "eu").build());
        Map<String, Row> s = stats(config, rows);

        assertEquals(10, getLong(s.get(key(H10, "m", "model", null)), NUM_INFERENCES));
        assertEquals(3, getLong(s.get(key(H10, "m", "model", null, "user_segment", "a")), NUM_INFERENCES));
        assertEquals(2, getLong(s.get(key(H10, "m", "model", null, "user_segment", "b")), NUM_INFERENCES), "ties by value: b before c");
        assertEquals(3, getLong(s.get(key(H10, "m", "model", null, "user_segment", "__other__")), NUM_INFERENCES));
        assertEquals(3, getLong(s.get(key(H10, "m", "class", "x", "user_segment", "__other__")), NUM_INFERENCES));
        assertFalse(s.containsKey(key(H10, "m", "model", null, "user_segment", "c")));
        assertEquals(1, getLong(s.get(key(H10, "m", "model", null, "region", "eu")), NUM_INFERENCES));
        assertFalse(s.keySet().stream().anyMatch(k -> k.contains("platform")), "a key absent from tags has no rows");
        // model + class rows, for: whole model, user_segment a/b/__other__, region eu
        assertEquals(2 * 5, s.size());
    }

    @Test
    void workspaceComesFromTheModelMapping() {
        MonitoringConfig config = ConfigLoader.load(null, Map.of("models.workspace-of-model.mapped", "team-a"));
        List<Row> rows = List.of(
                inference("mapped", "1", H10).classification("c", 0.5).build(),
                inference("other", "2", H10).classification("c", 0.5).build());
        Map<String, Row> s = stats(config, rows);
        assertEquals("team-a", s.get(key(H10, "mapped", "model", null)).getAs(WORKSPACE));
        assertEquals("default", s.get(key(H10, "other", "model", null)).getAs(WORKSPACE));
    }
}
