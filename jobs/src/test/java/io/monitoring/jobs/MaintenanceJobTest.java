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

/** Maintenance deletes rows past their table's retention, keeps the rest, and leaves readable tables. */
class MaintenanceJobTest {
    private final SparkSession spark = SharedSpark.get();

    @TempDir
    Path root;

    @Test
    void expiredRowsGoAndRecentOnesStay() {
        Instant landed = Instant.parse("2026-03-01T00:00:00Z");
        Landing.write(root, "landing/inferences/a.jsonl", String.join("\n",
                "{\"id\":\"old\",\"monitor_id\":\"m\",\"prediction\":\"a\",\"timestamp\":\"2026-01-05T00:00:00Z\"}",
                "{\"id\":\"new\",\"monitor_id\":\"m\",\"prediction\":\"a\",\"timestamp\":\"2026-02-25T00:00:00Z\"}",
                "not json") + "\n", landed);
        MonitoringConfig config = TestConfigs.under(root, Map.of("maintenance.retention.inferences", "30d"));
        IngestJob.execute(spark, config, landed, "ingest");

        PipelineRun run = MaintenanceJob.execute(spark, config, landed, "maintenance");

        List<Row> left = spark.read().format("delta").load(config.paths().table(TableNames.INFERENCES)).collectAsList();
        assertEquals(1, left.size());
        assertEquals("new", left.get(0).getAs(INFERENCE_ID));
        assertEquals(LocalDate.parse("2026-02-25"), left.get(0).getAs(EVENT_DATE));
        assertEquals(1L, run.metrics().get("inferences_rows_deleted"));
        assertEquals(0L, run.metrics().get("quarantine_rows_deleted"), "quarantine keeps 30 days by default");
        assertEquals(1, spark.read().format("delta").load(config.paths().table(TableNames.QUARANTINE)).count());
    }
}
