package io.monitoring.stats;

import static io.monitoring.model.Columns.*;
import static io.monitoring.testing.Inferences.inference;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.monitoring.config.ConfigLoader;
import io.monitoring.config.MonitoringConfig;
import io.monitoring.model.Schemas;
import io.monitoring.spark.columnar.ColumnarRows;
import io.monitoring.testing.Inferences;
import io.monitoring.testing.SharedSpark;
import java.math.BigDecimal;
import java.nio.file.Path;
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
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void aDeltaTablesColumnBatchesGiveTheSameStatsAsRowsInMemory(@TempDir Path dir) {
        MonitoringConfig config = ConfigLoader.load(null, Map.of("segments.max-values-per-key", "1"));
        List<Row> rows = List.of(
                inference("det", "1", H10).detection("X", 0.9, null, 0.4, "X", Double.NaN, "Y", null).latency(Double.POSITIVE_INFINITY)
                        .tag("region", "eu").tag("deployment", "edge").build(),
                inference("det", "2", H10.plusSeconds(1)).detection("Y", 0.123456789012345678).error().latency(2.5)
                        .tag("region", "us").build(),
                inference("det", "3", H11).detection("X", 1e-19).version(null).latency(Double.NaN).tag("region", "us").build(),
                inference("clf", "4", H10).classification("cat", Double.NEGATIVE_INFINITY).latency(1e30).tag("region", "eu").build(),
                inference("clf", "5", H10).classification("dog", 5e-19).tag("platform", "ios").tag("server_version", "1.2").build(),
                inference("clf", "6", H11).classification(null, 0.5).tag("platform", "android").build());
        Dataset<Row> inMemory = spark.createDataFrame(rows, Schemas.INFERENCE);
        String path = dir.resolve("inferences").toString();
        Inferences.write(spark, path, rows);
        Dataset<Row> table = spark.read().format("delta").load(path);
        assertTrue(ColumnarRows.isColumnar(InferenceStatsAggregation.productionInWindow(table, DAY)
                .select(InferenceFacts.columns(lit("window").as(InferenceStatsAggregation.CAP_SCOPE)))), "read from column batches");
        assertFalse(ColumnarRows.isColumnar(InferenceStatsAggregation.productionInWindow(inMemory, DAY)
                .select(InferenceFacts.columns(lit("window").as(InferenceStatsAggregation.CAP_SCOPE)))), "read as rows");

        List<Row> fromMemory = statsWithMedians(inMemory, config);
        List<Row> fromTable = statsWithMedians(table, config);
        assertEquals(fromMemory, fromTable);
        // a task that may hold one group at a time hands out many partials of each: merged, the same stats
        assertEquals(fromTable, toMedians(InferenceStatsAggregation.hourlyStats(InferenceStatsAggregation.productionInWindow(table, DAY),
                lit("window"), config, 1, 1)));

        Map<String, Row> s = stats(config, rows);
        Row x = s.get(key(H10, "det", "class", "X"));
        assertEquals(1, getLong(x, NUM_INFERENCES), "the second X box is not its class's first");
        assertEquals(2, getLong(x, CLASS_COUNT));
        assertEquals(1, getLong(x, CONFIDENCE_COUNT), "a NaN confidence is none");
        Row noClass = s.get(key(H10, "det", "class", null));
        assertEquals(0, getLong(noClass, NUM_INFERENCES), "a box without a class is no class's first");
        assertEquals(1, getLong(noClass, CLASS_COUNT));
        Row det = s.get(key(H10, "det", "model", null));
        assertEquals(2, getLong(det, NUM_INFERENCES));
        assertEquals(1, getLong(det, NUM_ERRORS));
        assertEquals(1, getLong(det, LATENCY_COUNT), "an infinite latency is none");
        assertEquals(List.of("edge"), det.getList(det.fieldIndex(DEPLOYMENT_TYPES)));
        assertEquals(1, getLong(s.get(key(H10, "det", "model", null, "region", "us")), NUM_INFERENCES));
        assertEquals(1, getLong(s.get(key(H10, "det", "model", null, "region", "__other__")), NUM_INFERENCES), "us outnumbers eu for det");
        assertEquals(0, new BigDecimal("0.000000000000000001").compareTo(s.get(key(H10, "clf", "class", "dog")).getAs(CONFIDENCE_SUM)),
                "5e-19 rounds half up at 18 digits");
    }

    /** The stats rows with each sketch replaced by its count and median (sketches of the same values). */
    private List<Row> statsWithMedians(Dataset<Row> inferences, MonitoringConfig config) {
        return toMedians(InferenceStatsAggregation.hourlyStats(InferenceStatsAggregation.productionInWindow(inferences, DAY), config));
    }

    private static List<Row> toMedians(Dataset<Row> stats) {
        List<Row> out = new ArrayList<>();
        for (Row r : stats.orderBy(WINDOW_START, MODEL_ID, LEVEL, PREDICTED_CLASS, SLICE_KEY, SLICE_VALUE).collectAsList()) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) {
                Object v = r.get(i);
                if (v instanceof byte[] sketch) {
                    KllDoublesSketch k = KllSketches.fromBytes(sketch);
                    values.add(k.getN() + "@" + k.getQuantile(0.5));
                } else {
                    values.add(v instanceof scala.collection.Seq<?> seq ? scala.collection.JavaConverters.seqAsJavaList(seq) : v);
                }
            }
            out.add(RowFactory.create(values.toArray()));
        }
        return out;
    }
}
