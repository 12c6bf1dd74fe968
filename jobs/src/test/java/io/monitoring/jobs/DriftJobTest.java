package io.monitoring.jobs;

import static io.monitoring.drift.DriftColumns.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.monitoring.config.MonitoringConfig;
import io.monitoring.drift.DriftDocument;
import io.monitoring.drift.DriftSchemas;
import io.monitoring.io.PipelineRun;
import io.monitoring.model.TableNames;
import io.monitoring.stats.TimeWindow;
import io.monitoring.testing.SharedSpark;
import io.monitoring.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DriftJob end to end on a tiny inferences table: reference, previous window, shifted current window, rerun. */
class DriftJobTest {
    private static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");
    private final SparkSession spark = SharedSpark.get();

    @TempDir
    Path root;

    @Test
    void shiftedFeatureDriftsAndRerunReplacesTheWindow() {
        MonitoringConfig config = TestConfigs.under(root, Map.of("drift.min-sample-size", "40", "segments.keys.0", "region"));
        Random random = new Random(3);
        List<Row> rows = new ArrayList<>();
        addDay(rows, random, "training", DAY.minusSeconds(30 * 86_400), 300, 0.0, "ref");
        addDay(rows, random, "production", DAY.minusSeconds(86_400), 200, 0.0, "prev");
        addDay(rows, random, "production", DAY, 200, 1.5, "cur");
        DriftFixtures.writeInferences(spark, config.paths().table(TableNames.INFERENCES), rows);

        TimeWindow window = new TimeWindow(DAY, DAY.plusSeconds(86_400));
        PipelineRun first = DriftJob.execute(spark, config, window, "drift-1");
        List<Row> metrics = windowRows(config, window);
        PipelineRun second = DriftJob.execute(spark, config, window, "drift-2");
        List<Row> again = windowRows(config, window);

        assertEquals(metrics.size(), again.size(), "a rerun replaces the window's rows");
        assertEquals(200, first.recordsRead());
        assertEquals(metrics.size(), second.recordsWritten());
        assertEquals(1L, first.metrics().get("reference_models_built"));
        assertEquals(0L, second.metrics().get("reference_models_built"), "reference bins are computed once");

        for (String baseline : List.of(BASELINE_REFERENCE, BASELINE_PREVIOUS)) {
            Row x = find(again, "x", null, baseline);
            assertEquals(STATUS_OK, x.getAs(STATUS));
            assertEquals(Boolean.TRUE, x.getAs(DRIFTED), baseline);
            assertNotEquals("none", x.getAs(SEVERITY));
            assertTrue((Double) x.getAs(KS_STATISTIC) > 0.4);
            assertTrue((Double) x.getAs(P_VALUE_ADJUSTED) < 0.05);
            assertTrue((Double) x.getAs(OUT_OF_RANGE_SHARE) > 0);
            assertEquals(200L, (long) x.getAs(SAMPLE_SIZE));

            Row color = find(again, "color", null, baseline);
            assertEquals(CATEGORICAL, color.getAs(COLUMN_TYPE));
            assertEquals(Boolean.FALSE, color.getAs(DRIFTED));
            assertEquals("chi_squared", color.getAs(P_VALUE_TEST));
            assertNotNull(color.getAs(TOTAL_VARIATION));

            Row emb = find(again, "emb", null, baseline);
            assertEquals(EMBEDDING, emb.getAs(COLUMN_TYPE));
            assertEquals(Boolean.FALSE, emb.getAs(DRIFTED));
            assertNotNull(emb.getAs(EMBEDDING_COSINE));
        }
        Row prediction = find(again, PREDICTION, null, BASELINE_REFERENCE);
        assertEquals(CATEGORICAL, prediction.getAs(COLUMN_TYPE));
        Row score = find(again, PREDICTION_SCORE, null, BASELINE_REFERENCE);
        assertEquals(NUMERIC, score.getAs(COLUMN_TYPE));
        // per segment: each region slice holds about 100 values, above the minimum of 40
        Row eu = find(again, "x", "eu", BASELINE_REFERENCE);
        assertEquals("region", eu.getAs(SLICE_KEY));
        assertEquals(Boolean.TRUE, eu.getAs(DRIFTED));

        long stored = spark.read().format("delta").load(config.paths().table(DriftSchemas.DRIFT_BASELINES_TABLE)).count();
        assertTrue(stored > 0);
        Dataset<Row> runs = spark.read().format("delta").load(config.paths().table(TableNames.PIPELINE_RUNS));
        assertEquals(2, runs.where("job = 'drift' AND status = 'succeeded'").count());

        JsonNode doc = DriftDocument.build("default", window, again);
        assertEquals(again.size(), doc.get("summary").get("compared").asInt());
        JsonNode top = doc.get("columns").get(0);
        assertTrue(top.get(DRIFTED).asBoolean(), "drifted columns come first");
        // x drives the prediction, so label and score drift with it
        assertTrue(List.of("x", PREDICTION, PREDICTION_SCORE).contains(top.get(COLUMN_NAME).asText()), top.toString());
        boolean seenUndrifted = false;
        for (JsonNode c : doc.get("columns")) {
            boolean drifted = c.get(DRIFTED).asBoolean(false);
            assertFalse(drifted && seenUndrifted, "every drifted column precedes the others");
            seenUndrifted |= !drifted;
        }
    }

    private static void addDay(List<Row> rows, Random random, String environment, Instant day, int n, double shift, String prefix) {
        for (int i = 0; i < n; i++) {
            double x = random.nextGaussian() + shift;
            rows.add(DriftFixtures.inference("m", prefix + i, environment, day.plusSeconds(i * 60L),
                    Map.of("x", x, "y", random.nextGaussian() * 10),
                    Map.of("color", random.nextBoolean() ? "red" : "blue"),
                    Map.of("emb", List.of(random.nextGaussian(), random.nextGaussian(), random.nextGaussian())),
                    Map.of("region", i % 2 == 0 ? "eu" : "us"),
                    x > 0.5 ? "yes" : "no", 1 / (1 + Math.exp(-x))));
        }
    }

    private List<Row> windowRows(MonitoringConfig config, TimeWindow window) {
        return spark.read().format("delta").load(config.paths().table(DriftSchemas.DRIFT_METRICS_TABLE))
                .where(org.apache.spark.sql.functions.col(WINDOW_START).equalTo(org.apache.spark.sql.functions.lit(java.sql.Timestamp.from(window.start()))))
                .collectAsList();
    }

    static Row find(List<Row> rows, String column, String sliceValue, String baseline) {
        return rows.stream()
                .filter(r -> column.equals(r.getAs(COLUMN_NAME)) && baseline.equals(r.getAs(BASELINE))
                        && java.util.Objects.equals(sliceValue, r.getAs(SLICE_VALUE)))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + column + " " + sliceValue + " " + baseline));
    }
}
