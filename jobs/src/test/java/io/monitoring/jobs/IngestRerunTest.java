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
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingesting the same landing again leaves identical tables, every run reconciles its counts, the
 * file ledger makes later runs read only new or changed files, and a catchup run reading later
 * days' files lands them instead of quarantining them as future records.
 */
class IngestRerunTest {
    private static final Instant AS_OF = Instant.parse("2026-02-03T00:00:00Z");
    private final SparkSession spark = SharedSpark.get();

    @TempDir
    Path root;

    @Test
    void secondRunOverTheSameLandingChangesNothing() {
        Instant landed = Instant.parse("2026-02-02T12:00:00Z");
        String guardian = String.join("\n",
                "{\"id\":\"inf_1\",\"monitor_id\":\"intent\",\"prediction\":{\"label\":\"billing\",\"score\":0.8},\"latency_ms\":12,\"timestamp\":\"2026-02-01T10:00:00Z\"}",
                "{\"monitor_id\":\"intent\",\"prediction\":\"refund\",\"timestamp\":\"2026-02-01T11:00:00Z\"}",
                "{\"id\":\"inf_1\",\"monitor_id\":\"intent\",\"prediction\":{\"label\":\"billing\",\"score\":0.8},\"latency_ms\":12,\"timestamp\":\"2026-02-01T10:00:00Z\"}",
                "{\"id\":\"inf_3\",\"monitor_id\":\"intent\",\"error\":{\"code\":\"TIMEOUT\"},\"timestamp\":\"2026-02-01T12:00:00Z\"}",
                "not json at all",
                "");
        Landing.write(root, "landing/inferences/dt=2026-02-01/a.jsonl", guardian, landed);
        Landing.writeGzip(root, "landing/inferences/dt=2026-02-01/b.jsonl.gz",
                "{\"id\":\"inf_1\",\"monitor_id\":\"intent\",\"prediction\":{\"label\":\"billing\",\"score\":0.8},\"latency_ms\":12,\"timestamp\":\"2026-02-01T10:00:00Z\"}\n"
                        + "{\"model_id\":\"fraud\",\"prediction_id\":\"p1\",\"prediction\":{\"timestamp\":\"2026-02-01T09:00:00Z\",\"label\":{\"score_categorical\":{\"score_category\":{\"category\":\"fraud\",\"score\":0.7}}}},\"environment_params\":{\"production\":{}}}\n",
                landed);
        Landing.write(root, "landing/actuals/dt=2026-02-02/a.jsonl",
                "{\"model_id\":\"fraud\",\"prediction_id\":\"p1\",\"actual\":{\"label\":{\"score_categorical\":{\"score_category\":{\"category\":\"legit\",\"score\":1.0}}}},\"environment_params\":{\"production\":{}}}\n"
                        + "{\"id\":\"inf_1\",\"monitor_id\":\"intent\",\"actual\":\"billing\",\"timestamp\":\"2026-02-02T08:00:00Z\"}\n",
                landed);
        MonitoringConfig config = TestConfigs.under(root);

        PipelineRun first = IngestJob.execute(spark, config, AS_OF, "run-1");
        List<Row> inferences = sorted(TableNames.INFERENCES, config, INFERENCE_ID);
        List<Row> actuals = sorted(TableNames.ACTUALS, config, ACTUAL_ID);
        List<Row> quarantine = sorted(TableNames.QUARANTINE, config, QUARANTINE_ID);

        // every file read again, ignoring the ledger: the keys already in make it a no-op
        PipelineRun second = IngestJob.execute(spark, config, AS_OF, "run-2", true);

        assertEquals(inferences, sorted(TableNames.INFERENCES, config, INFERENCE_ID));
        assertEquals(actuals, sorted(TableNames.ACTUALS, config, ACTUAL_ID));
        assertEquals(quarantine, sorted(TableNames.QUARANTINE, config, QUARANTINE_ID));

        // 5 non-blank lines in a.jsonl, 2 in b.jsonl.gz, 2 actuals: 9 records read each time
        for (PipelineRun run : List.of(first, second)) {
            assertEquals(9, run.recordsRead());
            assertEquals(1, run.recordsQuarantined());
            assertEquals(run.recordsRead(), run.recordsWritten() + run.recordsQuarantined());
        }
        assertEquals(4, inferences.size(), "inf_1 delivered three times is one row");
        assertEquals(2, actuals.size());
        assertEquals(1, quarantine.size());
        assertEquals(4L, first.metrics().get("inferences_inserted"));
        assertEquals(0L, second.metrics().get("inferences_inserted"));
        assertEquals(0L, second.metrics().get("actuals_inserted"));
        assertEquals(0L, second.metrics().get("quarantine_inserted"));

        // the ledger: nothing new, nothing read
        PipelineRun third = IngestJob.execute(spark, config, AS_OF, "run-3");
        assertEquals(0L, third.metrics().get("files"));
        assertEquals(3L, third.metrics().get("files_listed"));
        assertEquals(0, third.recordsRead());

        // a file that grows is read again; only its new record is inserted
        Landing.write(root, "landing/inferences/dt=2026-02-01/a.jsonl", guardian
                + "{\"id\":\"inf_4\",\"monitor_id\":\"intent\",\"prediction\":\"refund\",\"timestamp\":\"2026-02-01T13:00:00Z\"}\n",
                landed.plusSeconds(60));
        PipelineRun fourth = IngestJob.execute(spark, config, AS_OF, "run-4");
        assertEquals(1L, fourth.metrics().get("files"));
        assertEquals(6, fourth.recordsRead());
        assertEquals(1L, fourth.metrics().get("inferences_inserted"));
        assertEquals(0L, fourth.metrics().get("quarantine_inserted"));

        Dataset<Row> runs = spark.read().format("delta").load(config.paths().table(TableNames.PIPELINE_RUNS));
        List<Row> logged = runs.orderBy(RUN_ID).collectAsList();
        assertEquals(4, logged.size());
        for (Row r : logged) {
            assertEquals("ingest", r.getAs(JOB));
            assertEquals("succeeded", r.getAs(STATUS));
            long read = r.getAs(RECORDS_READ);
            long written = r.getAs(RECORDS_WRITTEN);
            long quarantined = r.getAs(RECORDS_QUARANTINED);
            assertEquals(read, written + quarantined);
        }
        assertEquals(4, spark.read().format("delta").load(config.paths().table(TableNames.INGESTED_FILES)).count(),
                "three files plus the grown version of a.jsonl");
    }

    @Test
    void catchupRunsLandLaterDaysOnceAndQuarantineNothingAsFuture() {
        // three days of landing already present, as in an Airflow catchup or backfill
        for (int day = 1; day <= 3; day++) {
            String date = "2026-02-0" + day;
            StringBuilder lines = new StringBuilder();
            for (int hour = 0; hour < 24; hour += 6) {
                lines.append(String.format("{\"id\":\"d%d-h%d\",\"monitor_id\":\"intent\",\"prediction\":\"billing\",\"timestamp\":\"%sT%02d:30:00Z\"}%n",
                        day, hour, date, hour));
            }
            Landing.write(root, "landing/inferences/dt=" + date + "/part-0.jsonl", lines.toString(), Instant.parse(date + "T23:59:00Z"));
        }
        MonitoringConfig config = TestConfigs.under(root);

        long read = 0;
        for (int day = 1; day <= 3; day++) {
            // the daily DAG's ingest: as-of = data_interval_end of the day
            PipelineRun run = IngestJob.execute(spark, config, Instant.parse("2026-02-0" + (day + 1) + "T00:00:00Z"), "catchup-" + day);
            assertEquals(0, run.recordsQuarantined(), "records of later days are not from the future of their files");
            read += run.recordsRead();
        }
        assertEquals(12, read, "each record read once over the three runs");
        assertEquals(12, spark.read().format("delta").load(config.paths().table(TableNames.INFERENCES)).count());
        assertEquals(0, spark.read().format("delta").load(config.paths().table(TableNames.QUARANTINE)).count());
    }

    private List<Row> sorted(String table, MonitoringConfig config, String key) {
        return spark.read().format("delta").load(config.paths().table(table)).orderBy(key).collectAsList();
    }
}
