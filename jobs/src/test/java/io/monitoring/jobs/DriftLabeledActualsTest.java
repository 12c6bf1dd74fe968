package io.monitoring.jobs;

import static io.monitoring.drift.DriftColumns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.*;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.drift.DriftSchemas;
import io.monitoring.io.PipelineRun;
import io.monitoring.model.Columns;
import io.monitoring.model.TableNames;
import io.monitoring.sample.SampleLogGenerator;
import io.monitoring.sample.SampleSpec;
import io.monitoring.stats.TimeWindow;
import io.monitoring.testing.SharedSpark;
import io.monitoring.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift takes each inference's actual from {@code labeled_inferences} only while the last
 * join-labels run read the current inferences and actuals; otherwise it joins them itself. Both
 * ways give the same {@code drift_metrics} rows, and a correction that landed after the last join
 * is seen at once, not when the next join runs.
 */
class DriftLabeledActualsTest {
    private static final Instant START = Instant.parse("2026-02-01T00:00:00Z");
    private static final TimeWindow DAY = new TimeWindow(START.plusSeconds(86_400), START.plusSeconds(2 * 86_400));
    private final SparkSession spark = SharedSpark.get();

    @TempDir
    Path root;

    @Test
    void actualsFromTheTableWhenItIsCurrentAndJoinedInTheRunOtherwiseGiveTheSameRows() throws Exception {
        MonitoringConfig config = TestConfigs.under(root);
        SampleSpec spec = SampleSpec.builder()
                .outputRoot(root.resolve("landing").toUri().toString())
                .records(1_500)
                .start(START)
                .days(2)
                .gzip(false)
                .build();
        new SampleLogGenerator(spec, spark.sparkContext().hadoopConfiguration()).generate();
        IngestJob.execute(spark, config, spec.end().plusSeconds(3 * 86_400), "ingest");

        Set<String> joinedInRun = drift(config, "drift-before-join", 0);
        JoinLabelsJob.execute(spark, config, new TimeWindow(START, spec.end()), "join");
        Set<String> fromTable = drift(config, "drift-after-join", 1);
        assertSameRows(joinedInRun, fromTable, "joined in the run / read from labeled_inferences");
        assertTrue(fromTable.stream().anyMatch(r -> r.contains("|" + ACTUAL + "|")), "the window has __actual__ rows");

        // corrections of about a third of the actuals: a second later, with other labels and values
        String actualsPath = config.paths().table(TableNames.ACTUALS);
        Dataset<Row> actuals = spark.read().format("delta").load(actualsPath);
        Dataset<Row> corrections = actuals.where(expr("abs(hash(" + Columns.INFERENCE_ID + ")) % 3 = 0"))
                .withColumn(Columns.ACTUAL_ID, concat(col(Columns.ACTUAL_ID), lit("-fix")))
                .withColumn(Columns.ACTUAL_TIME, expr(Columns.ACTUAL_TIME + " + INTERVAL 1 SECOND"))
                .withColumn(Columns.ACTUAL_LABEL, expr("CASE WHEN " + Columns.ACTUAL_LABEL + " IS NOT NULL THEN 'corrected' END"))
                .withColumn(Columns.ACTUAL_VALUE, col(Columns.ACTUAL_VALUE).plus(1000.0));
        assertTrue(corrections.count() > 0);
        corrections.write().format("delta").mode("append").save(actualsPath);

        Set<String> staleTable = drift(config, "drift-after-correction", 0);
        assertNotEquals(fromTable, staleTable, "the corrections change the __actual__ rows");
        JoinLabelsJob.execute(spark, config, new TimeWindow(START, spec.end()), "join-again");
        assertSameRows(staleTable, drift(config, "drift-after-second-join", 1), "joined after the corrections / read after the second join");
    }

    private static void assertSameRows(Set<String> expected, Set<String> actual, String what) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<String> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        assertTrue(missing.isEmpty() && extra.isEmpty(), what + ": " + missing.size() + " rows only in the first, " + extra.size()
                + " only in the second; first of each: " + missing.stream().limit(2).toList() + " / " + extra.stream().limit(2).toList());
    }

    /** Drift of the day (baselines rebuilt, so the reference reads the actuals too): the day's rows, without run id and time. */
    private Set<String> drift(MonitoringConfig config, String runId, long expectedFromTable) {
        PipelineRun run = DriftJob.execute(spark, config, DAY, runId, true);
        assertEquals(expectedFromTable, run.metrics().get(DriftJob.ACTUALS_FROM_LABELED_INFERENCES), runId);
        Set<String> rows = new TreeSet<>();
        for (Row r : spark.read().format("delta").load(config.paths().table(DriftSchemas.DRIFT_METRICS_TABLE))
                .drop(RUN_ID, COMPUTED_AT).collectAsList()) {
            rows.add(render(r));
        }
        List<Row> baselines = spark.read().format("delta").load(config.paths().table(DriftSchemas.DRIFT_BASELINES_TABLE))
                .drop(RUN_ID, COMPUTED_AT).collectAsList();
        baselines.forEach(r -> rows.add("baseline|" + render(r)));
        return rows;
    }

    /**
     * A row as text, doubles to 12 significant digits: the cells' sums are added in the order of
     * the partitions, which differs between the two reads in the last bits.
     */
    private static String render(Object value) {
        if (value instanceof Row row) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                out.append(i == 0 ? "" : "|").append(render(row.get(i)));
            }
            return out.toString();
        }
        if (value instanceof scala.collection.Seq<?> seq) {
            List<String> items = new java.util.ArrayList<>();
            scala.collection.JavaConverters.seqAsJavaList(seq).forEach(v -> items.add(render(v)));
            return items.toString();
        }
        if (value instanceof Double d) {
            return String.format(java.util.Locale.ROOT, "%.12g", d);
        }
        return String.valueOf(value);
    }
}
