package io.monitoring.jobs;

import static io.monitoring.model.Columns.*;
import static io.monitoring.quality.QualityColumns.*;
import static org.junit.jupiter.api.Assertions.*;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.io.PipelineRun;
import io.monitoring.model.TableNames;
import io.monitoring.quality.LabelJoin;
import io.monitoring.quality.QualityMetrics;
import io.monitoring.quality.QualityTables;
import io.monitoring.spark.CachedParts;
import io.monitoring.stats.TimeWindow;
import io.monitoring.testing.Landing;
import io.monitoring.testing.SharedSpark;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

/**
 * Actuals arriving in three batches over days (some before their inference lands, some twice,
 * some corrected, some orphaned, one outside the label window): after each incremental run the
 * labeled_inferences and model_quality tables equal a from-scratch computation over everything
 * landed so far, only the affected event dates were recomputed, and the orphan count is right.
 */
class LabelsThreeBatchesTest {
    private final SparkSession spark = SharedSpark.get();

    @TempDir
    Path root;

    private static String inference(String id, String label, double score, String region, String time) {
        return "{\"id\":\"" + id + "\",\"monitor_id\":\"intent\",\"prediction\":{\"label\":\"" + label + "\",\"score\":" + score
                + "},\"metadata\":{\"region\":\"" + region + "\"},\"timestamp\":\"" + time + "\"}\n";
    }

    private static String actual(String id, String label, String time) {
        return "{\"id\":\"" + id + "\",\"monitor_id\":\"intent\",\"actual\":\"" + label + "\",\"timestamp\":\"" + time + "\"}\n";
    }

    @Test
    void everyRunEqualsAFromScratchComputation() {
        // CBPE off: this test is about the incremental join and realized metrics; QualityCbpeDropTest
        // covers the estimates, and without them each run does a third less work
        MonitoringConfig config = QualityTestConfigs.dayOnly(root, Map.of("quality.cbpe.enabled", "false"));
        Path landing = root.resolve("landing");

        // batch 1: day-1 inferences; actuals for two of them, one for inf_9 (whose inference lands later), one orphan
        Landing.write(landing, "inferences/b1.jsonl",
                inference("inf_1", "billing", 0.9, "north", "2026-02-01T10:00:00Z")
                        + inference("inf_2", "refund", 0.6, "north", "2026-02-01T11:00:00Z")
                        + inference("inf_3", "billing", 0.7, "south", "2026-02-01T12:00:00Z")
                        + inference("inf_4", "refund", 0.8, "south", "2026-02-01T13:00:00Z")
                        + inference("inf_5", "billing", 0.55, "north", "2026-02-01T14:00:00Z")
                        + inference("inf_6", "refund", 0.95, "south", "2026-02-01T15:00:00Z"),
                Instant.parse("2026-02-01T23:00:00Z"));
        Landing.write(landing, "actuals/b1.jsonl",
                actual("inf_1", "billing", "2026-02-01T18:00:00Z")
                        + actual("inf_2", "billing", "2026-02-01T19:00:00Z")
                        + actual("inf_9", "refund", "2026-02-01T21:00:00Z")
                        + actual("ghost_1", "billing", "2026-02-01T22:00:00Z"),
                Instant.parse("2026-02-01T23:00:00Z"));
        PipelineRun join1 = runAll(config, "2026-02-02T00:00:00Z", "2026-02-01", 1);
        assertEquals(1L, join1.metrics().get("full_recompute"));
        assertEquals(2L, join1.metrics().get("orphan_actuals"), "ghost_1 and inf_9 (not landed yet)");
        assertEquals(2L / 6.0, coverage(config, "2026-02-01"), 1e-12);

        // batch 2: inf_9 lands late (day 1) with day-3 inferences; inf_1's actual again, inf_2 corrected, a new orphan
        Landing.write(landing, "inferences/b2.jsonl",
                inference("inf_9", "refund", 0.85, "north", "2026-02-01T20:00:00Z")
                        + inference("inf_7", "billing", 0.65, "north", "2026-02-03T09:00:00Z")
                        + inference("inf_8", "refund", 0.75, "south", "2026-02-03T10:00:00Z"),
                Instant.parse("2026-02-03T23:00:00Z"));
        Landing.write(landing, "actuals/b2.jsonl",
                actual("inf_1", "billing", "2026-02-01T18:00:00Z")
                        + actual("inf_2", "refund", "2026-02-03T08:00:00Z")
                        + actual("inf_3", "billing", "2026-02-03T09:00:00Z")
                        + actual("ghost_2", "refund", "2026-02-03T10:00:00Z"),
                Instant.parse("2026-02-03T23:00:00Z"));
        PipelineRun join2 = runAll(config, "2026-02-04T00:00:00Z", "2026-02-03", 2);
        assertEquals(0L, join2.metrics().get("full_recompute"));
        assertEquals(2L, join2.metrics().get("event_dates_recomputed"), "2026-02-01 (late inference, new actuals) and the window");
        assertEquals(2L, join2.metrics().get("orphan_actuals"), "ghost_1 and ghost_2");
        assertEquals(4.0 / 7.0, coverage(config, "2026-02-01"), 1e-12);
        Row inf2 = spark.read().format("delta").load(config.paths().table(QualityTables.LABELED_INFERENCES))
                .where("inference_id = 'inf_2'").first();
        assertEquals("refund", inf2.getAs(ACTUAL_LABEL), "the later actual replaces the earlier one");
        assertEquals(2L, (long) inf2.<Long>getAs(NUM_ACTUALS));
        assertEquals((2 * 86_400 - 3 * 3_600) * 1.0, inf2.<Double>getAs(LABEL_LAG_SECONDS), 1e-9);

        // batch 3: day-3 actuals, ghost_1's inference lands at last, inf_4's actual comes too late, ghost_1 again
        Landing.write(landing, "inferences/b3.jsonl",
                inference("ghost_1", "billing", 0.9, "north", "2026-02-02T10:00:00Z"),
                Instant.parse("2026-02-21T23:00:00Z"));
        Landing.write(landing, "actuals/b3.jsonl",
                actual("inf_7", "refund", "2026-02-05T09:00:00Z")
                        + actual("inf_8", "refund", "2026-02-06T10:00:00Z")
                        + actual("inf_4", "refund", "2026-02-21T13:00:00Z")
                        + actual("ghost_1", "billing", "2026-02-01T22:00:00Z"),
                Instant.parse("2026-02-21T23:00:00Z"));
        PipelineRun join3 = runAll(config, "2026-02-22T00:00:00Z", "2026-02-21", 3);
        assertEquals(3L, join3.metrics().get("event_dates_recomputed"), "02-02 (ghost_1 lands), 02-03 (new actuals), the window; not 02-01");
        assertEquals(1L, join3.metrics().get("orphan_actuals"), "only ghost_2");
        assertEquals(1.0, coverage(config, "2026-02-03"), 1e-12);
        assertEquals(4.0 / 7.0, coverage(config, "2026-02-01"), 1e-12, "inf_4's actual is outside the 14-day label window");
    }

    /** Ingest, join labels and quality for one batch, then compare with a from-scratch computation. */
    private PipelineRun runAll(MonitoringConfig config, String asOf, String date, int run) {
        IngestJob.execute(spark, config, Instant.parse(asOf), "ingest-" + run);
        TimeWindow window = new TimeWindow(Instant.parse(date + "T00:00:00Z"), Instant.parse(date + "T00:00:00Z").plusSeconds(86_400));
        PipelineRun join = JoinLabelsJob.execute(spark, config, window, "join-" + run);
        QualityJob.execute(spark, config, window, "quality-" + run);

        Dataset<Row> inferences = table(config, TableNames.INFERENCES);
        Dataset<Row> actuals = table(config, TableNames.ACTUALS);
        Dataset<Row> scratchLabeled = LabelJoin.labeledInferences(inferences, actuals, config.quality().labelWindow());
        assertRowsClose(sorted(scratchLabeled, MODEL_ID, INFERENCE_ID), sorted(table(config, QualityTables.LABELED_INFERENCES), MODEL_ID, INFERENCE_ID),
                "labeled_inferences after run " + run);
        QualityMetrics.Params params = QualityMetrics.Params.of(config);
        Dataset<Row> evaluation = QualityMetrics.evaluationRows(scratchLabeled, params).persist();
        try (CachedParts parts = new CachedParts()) {
            Dataset<Row> scratchQuality = QualityMetrics.fromRows(evaluation, scratchLabeled, params, parts);
            String[] key = {GRANULARITY, WINDOW_START, MODEL_ID, MODEL_VERSION, SLICE_KEY, SLICE_VALUE};
            assertRowsClose(sorted(scratchQuality, key), sorted(table(config, QualityTables.MODEL_QUALITY), key), "model_quality after run " + run);
        }
        evaluation.unpersist();
        assertEquals(LabelJoin.orphanActuals(actuals, inferences).count(), join.metrics().get("orphan_actuals"));
        return join;
    }

    private double coverage(MonitoringConfig config, String day) {
        return table(config, QualityTables.MODEL_QUALITY)
                .where("window_date = DATE'" + day + "' AND granularity = 'day' AND slice_key IS NULL").first().getAs(LABEL_COVERAGE);
    }

    private Dataset<Row> table(MonitoringConfig config, String name) {
        return spark.read().format("delta").load(config.paths().table(name));
    }

    private static List<Row> sorted(Dataset<Row> rows, String... key) {
        return rows.orderBy(key[0], java.util.Arrays.copyOfRange(key, 1, key.length)).collectAsList();
    }

    static void assertRowsClose(List<Row> expected, List<Row> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": row count");
        for (int i = 0; i < expected.size(); i++) {
            assertClose(expected.get(i), actual.get(i), what + " row " + i);
        }
    }

    private static void assertClose(Object e, Object a, String where) {
        if (e instanceof Double x && a instanceof Double y) {
            assertEquals(x, y, 1e-9 * Math.max(1, Math.abs(x)), where);
        } else if (e instanceof Row x && a instanceof Row y) {
            assertEquals(x.size(), y.size(), where);
            for (int i = 0; i < x.size(); i++) {
                assertClose(x.get(i), y.get(i), where + "." + x.schema().fieldNames()[i]);
            }
        } else if (e instanceof scala.collection.Seq<?> x && a instanceof scala.collection.Seq<?> y) {
            List<?> xs = JavaConverters.seqAsJavaList(x);
            List<?> ys = JavaConverters.seqAsJavaList(y);
            assertEquals(xs.size(), ys.size(), where);
            for (int i = 0; i < xs.size(); i++) {
                assertClose(xs.get(i), ys.get(i), where + "[" + i + "]");
            }
        } else {
            assertEquals(e, a, where);
        }
    }
}
