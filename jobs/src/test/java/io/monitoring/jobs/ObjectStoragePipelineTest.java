package io.monitoring.jobs;

import static io.monitoring.model.Columns.*;
import static org.junit.jupiter.api.Assertions.*;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.io.PipelineRun;
import io.monitoring.model.TableNames;
import io.monitoring.testing.Landing;
import io.monitoring.testing.S3ProxyServer;
import io.monitoring.testing.SharedSpark;
import io.monitoring.testing.TestConfigs;
import io.monitoring.stats.TimeWindow;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline against a real S3 API server on loopback: landing logs uploaded to a bucket, every
 * root on s3a://, the Delta tables and published JSON read back from the bucket.
 */
class ObjectStoragePipelineTest {
    private static final String BUCKET = "monitoring";
    private static S3ProxyServer s3;

    @TempDir
    static Path work;

    private final SparkSession spark = SharedSpark.get();

    @BeforeAll
    static void startServer() {
        s3 = S3ProxyServer.start(work, BUCKET);
        s3.configure(SharedSpark.get().sparkContext().hadoopConfiguration());
    }

    @AfterAll
    static void stopServer() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void pipelineReadsAndWritesOnlyTheBucket() throws Exception {
        Path local = work.resolve("local-landing");
        Instant landed = Instant.parse("2026-02-01T23:00:00Z");
        StringBuilder guardian = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            guardian.append(String.format("{\"id\":\"inf_%d\",\"monitor_id\":\"intent\",\"prediction\":{\"label\":\"%s\",\"score\":0.%d},"
                    + "\"latency_ms\":%d,\"metadata\":{\"region\":\"north\"},\"timestamp\":\"2026-02-01T%02d:00:00Z\"}%n",
                    i, i % 3 == 0 ? "refund" : "billing", 50 + i, 10 + i, i));
        }
        Landing.writeGzip(local, "inferences/dt=2026-02-01/part-0.jsonl.gz", guardian.toString(), landed);
        Landing.copyResource(local, "inferences/dt=2026-02-01/arize.jsonl", "/seeds/arize-numeric.jsonl", landed);
        Landing.write(local, "actuals/dt=2026-02-01/a.jsonl",
                "{\"id\":\"inf_1\",\"monitor_id\":\"intent\",\"actual\":\"billing\",\"timestamp\":\"2026-02-01T22:00:00Z\"}\n", landed);

        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        org.apache.hadoop.fs.Path bucketLanding = new org.apache.hadoop.fs.Path("s3a://" + BUCKET + "/landing");
        FileSystem s3fs = bucketLanding.getFileSystem(hadoop);
        try (var files = java.nio.file.Files.walk(local)) {
            for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                s3fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(f.toUri()),
                        new org.apache.hadoop.fs.Path(bucketLanding, local.relativize(f).toString()));
            }
        }

        MonitoringConfig config = TestConfigs.under(work.resolve("unused"), Map.of(
                "paths.landing", "s3a://" + BUCKET + "/landing",
                "paths.warehouse", "s3a://" + BUCKET + "/warehouse",
                "paths.publish", "s3a://" + BUCKET + "/published"));
        // The Arize seed record is from 2020: older than 90 days before this as-of, so it is quarantined.
        PipelineRun ingest = IngestJob.execute(spark, config, Instant.parse("2026-02-02T00:00:00Z"), "s3-ingest");

        assertEquals(22, ingest.recordsRead());
        assertEquals(21, ingest.recordsWritten());
        assertEquals(1, ingest.recordsQuarantined());
        String warehouse = "s3a://" + BUCKET + "/warehouse/";
        assertEquals(20, spark.read().format("delta").load(warehouse + TableNames.INFERENCES).count());
        assertEquals(1, spark.read().format("delta").load(warehouse + TableNames.ACTUALS).count());
        assertEquals("timestamp_out_of_range", spark.read().format("delta").load(warehouse + TableNames.QUARANTINE)
                .first().getAs(REASON));
        assertTrue(s3.baseDir().resolve(BUCKET).resolve("warehouse/inferences/_delta_log").toFile().isDirectory(),
                "the Delta log lives in the bucket, on the server's disk");

        TimeWindow day = new TimeWindow(Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-02-02T00:00:00Z"));
        StatsJob.execute(spark, config, day, "s3-stats");
        PipelineRun publish = PublishJob.execute(spark, config, day, "s3-publish");
        assertEquals("succeeded", publish.status());

        org.apache.hadoop.fs.Path daily = new org.apache.hadoop.fs.Path(
                "s3a://" + BUCKET + "/published/default/inference-stats/daily/2026-02-01.json");
        JsonNode doc;
        try (var in = s3fs.open(daily)) {
            doc = new ObjectMapper().readTree(in);
        }
        assertEquals(20, doc.get("num_inferences").asInt());
        assertEquals(0, doc.get("prev_num_inferences").asInt());
        assertEquals(2, doc.get("inference_stats").size(), "billing and refund rows of the intent model");
        for (JsonNode row : doc.get("inference_stats")) {
            assertEquals("intent", row.get("model_name").asText());
            assertTrue(row.get("prev_num_inferences").isNull(), "absent in the previous day");
        }
        assertTrue(s3fs.exists(new org.apache.hadoop.fs.Path("s3a://" + BUCKET + "/published/default/inference-stats/manifest.json")));
        assertEquals(20, spark.read().format("delta").load(warehouse + TableNames.INFERENCE_STATS)
                .select("window_start").distinct().count(), "one hour of stats per logged hour, in the bucket");
    }
}
