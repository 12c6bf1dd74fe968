package io.monitoring.jobs;

import static io.monitoring.model.Columns.*;
import static io.monitoring.testing.Inferences.inference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitoring.config.MonitoringConfig;
import io.monitoring.model.TableNames;
import io.monitoring.stats.InferenceStatsQuery;
import io.monitoring.stats.InferenceStatsRequest;
import io.monitoring.stats.KllSketches;
import io.monitoring.stats.TimeWindow;
import io.monitoring.testing.Inferences;
import io.monitoring.testing.SharedSpark;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents read from inference_stats (after the real StatsJob) equal documents computed straight
 * from the raw inferences rows by {@link ReferenceStats}: a 6-hour range, a 3-day range, a model
 * filter, a slice, unaligned range edges and a mapped workspace; and a median merged from hourly
 * sketches in estimation mode is within the KLL rank error of the exact median.
 */
class InferenceStatsReferenceTest {
    private static final Instant START = Instant.parse("2024-06-01T00:00:00Z");
    private static final Instant END = Instant.parse("2024-06-05T00:00:00Z");
    private static final Instant BULK_DAY = Instant.parse("2024-06-03T00:00:00Z");

    @TempDir
    static java.nio.file.Path root;

    private static SparkSession spark;
    private static MonitoringConfig config;
    private static List<Row> raw;
    private static List<InferenceStatsRequest> requests;
    private static List<ObjectNode> documents;

    @BeforeAll
    static void computeStats() {
        spark = SharedSpark.get();
        config = StatsTestSupport.config(root, "models.workspace-of-model.rank-d=team-r");
        StatsTestSupport.ingestAndComputeStats(spark, config, fixture(), new TimeWindow(START, END));
        raw = spark.read().format("delta").load(config.paths().table(TableNames.INFERENCES)).collectAsList();
        requests = List.of(
                request("default", "2024-06-02 06:00:00", "2024-06-02 12:00:00", null, null),
                request("default", "2024-06-02 00:00:00", "2024-06-05 00:00:00", null, null),
                request("default", "2024-06-02 00:00:00", "2024-06-05 00:00:00", "det-a,clf-b,no-such-model", null),
                request("default", "2024-06-02 00:00:00", "2024-06-03 00:00:00", null, "region=eu"),
                request("default", "2024-06-02 06:30:00", "2024-06-02 11:59:59", null, null),
                request("team-r", "2024-06-03 00:00:00", "2024-06-04 00:00:00", null, null),
                request("default", "2024-06-03 00:00:00", "2024-06-04 00:00:00", "bulk", null));
        documents = InferenceStatsQuery.documents(spark, config, requests);
    }

    private static InferenceStatsRequest request(String ws, String start, String end, String models, String slice) {
        return InferenceStatsRequest.parse(ws, start, end, models, slice);
    }

    /** Four days of several model kinds with segments, serving facts, errors, missing latencies and non-production rows. */
    static List<Row> fixture() {
        Random random = new Random(42);
        String[] boxes = {"car", "truck", "person"};
        List<Row> rows = new ArrayList<>();
        int id = 0;
        for (Instant t = START; t.isBefore(END); t = t.plusSeconds(1800 + random.nextInt(1800))) {
            for (String model : List.of("det-a", "clf-b", "reg-c", "rank-d")) {
                if (random.nextInt(4) == 0) {
                    continue;
                }
                Inferences.Builder b = inference(model, "i" + id++, t.plusSeconds(random.nextInt(600)))
                        .version(random.nextBoolean() ? "v1" : "v2")
                        .latency(random.nextInt(10) == 0 ? null : 5 + random.nextDouble() * 300)
                        .tag("user_segment", List.of("a", "b", "c").get(random.nextInt(3)))
                        .tag(random.nextBoolean() ? "deployment_type" : "deployment", random.nextBoolean() ? "hosted" : "edge")
                        .tag("inference_server_version", "0.1" + random.nextInt(3) + ".0");
                if (random.nextBoolean()) {
                    b.tag("region", random.nextBoolean() ? "eu" : "us");
                }
                if (random.nextInt(12) == 0) {
                    b.environment(random.nextBoolean() ? "training" : "validation");
                }
                if (random.nextInt(15) == 0) {
                    b.error();
                } else if (model.equals("det-a")) {
                    List<Object> det = new ArrayList<>();
                    for (int i = random.nextInt(5); i > 0; i--) {
                        det.add(boxes[random.nextInt(3)]);
                        det.add(random.nextInt(8) == 0 ? null : random.nextDouble());
                    }
                    b.detection(det.toArray());
                } else if (model.equals("clf-b")) {
                    b.classification(random.nextInt(10) == 0 ? null : random.nextBoolean() ? "cat" : "dog", random.nextDouble());
                } else if (model.equals("reg-c")) {
                    b.regression(random.nextGaussian());
                } else {
                    b.ranking(List.of("p1", "p2"), List.of(0.9, 0.4));
                }
                rows.add(b.build());
            }
        }
        // a busy classifier: 300 predictions an hour for a day, so every hourly sketch is in estimation mode
        for (int h = 0; h < 24; h++) {
            for (int i = 0; i < 300; i++) {
                rows.add(inference("bulk", "b" + h + "-" + i, BULK_DAY.plusSeconds(h * 3600L + i * 11L))
                        .classification("x", Math.pow(random.nextDouble(), 2 + h % 3)).latency(10.0).build());
            }
        }
        return rows;
    }

    private void assertMatchesReference(int index) {
        ReferenceStats reference = new ReferenceStats(raw, config, requests.get(index));
        assertDocumentsEqual(reference, documents.get(index), "document " + index + " " + requests.get(index));
    }

    @Test
    void sixHourRange() {
        assertMatchesReference(0);
        assertTrue(documents.get(0).get("inference_stats").size() >= 6);
    }

    @Test
    void threeDayRange() {
        assertMatchesReference(1);
        assertTrue(documents.get(1).get("prev_num_inferences").asLong() > 0, "the previous period has the first day");
    }

    @Test
    void modelFilter() {
        assertMatchesReference(2);
        for (JsonNode row : documents.get(2).get("inference_stats")) {
            assertTrue(List.of("det-a", "clf-b").contains(row.get("model_name").asText()));
        }
    }

    @Test
    void segmentSlice() {
        assertMatchesReference(3);
        assertTrue(documents.get(3).get("num_inferences").asLong() < documents.get(1).get("num_inferences").asLong());
    }

    @Test
    void rangeEdgesOffTheHourReportTheWholeHoursAroundThem() {
        assertEquals(documents.get(0), documents.get(4));
    }

    @Test
    void mappedWorkspace() {
        assertMatchesReference(5);
        for (JsonNode row : documents.get(5).get("inference_stats")) {
            assertEquals("rank-d", row.get("model_name").asText());
        }
        for (JsonNode row : documents.get(1).get("inference_stats")) {
            assertTrue(!row.get("model_name").asText().equals("rank-d"), "other workspaces never show rank-d");
        }
    }

    @Test
    void medianOfMergedHourlySketchesIsWithinTheRankErrorOfTheExactMedian() {
        ReferenceStats reference = new ReferenceStats(raw, config, requests.get(6));
        List<Double> exact = reference.sortedConfidences.get("bulk/x");
        assertEquals(7200, exact.size());
        double median = documents.get(6).get("inference_stats").get(0).get("median_confidence").asDouble();
        double rank = rankOf(exact, median);
        assertTrue(Math.abs(rank - 0.5) <= KllSketches.rankError(),
                "rank " + rank + " of the sketch median " + median + ", exact " + exact.get(exact.size() / 2));
        assertDocumentsEqual(reference, documents.get(6), "bulk");
    }

    @Test
    void theQueryReadsOnlyTheEventDatePartitionsOfItsPeriods() {
        Dataset<Row> stats = spark.read().format("delta").load(config.paths().table(TableNames.INFERENCE_STATS));
        String plan = InferenceStatsQuery.pruned(stats, List.of(requests.get(0))).queryExecution().executedPlan().toString();
        assertTrue(plan.matches("(?s).*PartitionFilters: \\[[^\\]]*event_date.*"), plan);
        long files = stats.inputFiles().length;
        long read = InferenceStatsQuery.pruned(stats, List.of(requests.get(0))).inputFiles().length;
        assertTrue(read < files, read + " of " + files + " files");
    }

    private static double rankOf(List<Double> sorted, double value) {
        int below = 0;
        for (double v : sorted) {
            if (v <= value) {
                below++;
            }
        }
        return (double) below / sorted.size();
    }

    /** Same keys in the same order; counts and strings equal; averages to 1e-12; medians exact below k values, else by rank. */
    static void assertDocumentsEqual(ReferenceStats reference, JsonNode actual, String what) {
        JsonNode expected = reference.document;
        assertEquals(names(expected), names(actual), what);
        for (String key : names(expected)) {
            if (!key.equals("inference_stats")) {
                assertValue(expected.get(key), actual.get(key), what + " " + key);
            }
        }
        JsonNode er = expected.get("inference_stats");
        JsonNode ar = actual.get("inference_stats");
        List<String> expectedOrder = new ArrayList<>();
        List<String> actualOrder = new ArrayList<>();
        er.forEach(r -> expectedOrder.add(r.get("model_name").asText() + "/" + r.get("predicted_class").asText()));
        ar.forEach(r -> actualOrder.add(r.get("model_name").asText() + "/" + r.get("predicted_class").asText()));
        assertEquals(expectedOrder, actualOrder, what + " rows");
        for (int i = 0; i < er.size(); i++) {
            assertEquals(names(er.get(i)), names(ar.get(i)), what);
            for (String key : names(er.get(i))) {
                String where = what + " row " + expectedOrder.get(i) + " " + key;
                List<Double> values = reference.sortedConfidences.get(expectedOrder.get(i));
                if (key.equals("median_confidence") && values != null && values.size() > KllSketches.K) {
                    double rank = rankOf(values, ar.get(i).get(key).asDouble());
                    assertTrue(Math.abs(rank - 0.5) <= KllSketches.rankError(), where + " rank " + rank);
                } else {
                    assertValue(er.get(i).get(key), ar.get(i).get(key), where);
                }
            }
        }
    }

    private static void assertValue(JsonNode expected, JsonNode actual, String where) {
        if (expected.isNull() || expected.isTextual() || expected.isIntegralNumber()) {
            assertEquals(expected.toString(), actual.toString(), where);
        } else if (!actual.isNumber() || Math.abs(expected.asDouble() - actual.asDouble()) > 1e-12 * Math.max(1, Math.abs(expected.asDouble()))) {
            fail(where + ": expected " + expected + " but was " + actual);
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }
}
