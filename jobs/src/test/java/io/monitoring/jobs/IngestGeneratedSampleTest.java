package io.monitoring.jobs;

import static io.monitoring.model.Columns.*;
import static org.junit.jupiter.api.Assertions.*;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.io.PipelineRun;
import io.monitoring.model.TableNames;
import io.monitoring.sample.GenerationSummary;
import io.monitoring.sample.ModelCounts;
import io.monitoring.sample.SampleLogGenerator;
import io.monitoring.sample.SampleSpec;
import io.monitoring.testing.SharedSpark;
import io.monitoring.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The product's own sample logs, all five models and both formats, reconcile exactly after ingest. */
class IngestGeneratedSampleTest {
    private final SparkSession spark = SharedSpark.get();

    @TempDir
    Path root;

    @Test
    void everyGeneratedRecordIsCountedOnceEitherLandedOrQuarantinedWithItsReason() throws Exception {
        MonitoringConfig config = TestConfigs.under(root);
        SampleSpec spec = SampleSpec.builder().records(3_000).days(3).badShare(0.02).recordsPerFile(700)
                .outputRoot(config.paths().landing()).build();
        GenerationSummary summary = new SampleLogGenerator(spec, spark.sparkContext().hadoopConfiguration()).generate();
        Instant asOf = spec.start().plusSeconds(86_400L * spec.days() + 3_600L * spec.maxActualDelayHours());

        PipelineRun run = IngestJob.execute(spark, config, asOf, "sample");

        Dataset<Row> inferences = spark.read().format("delta").load(config.paths().table(TableNames.INFERENCES));
        assertEquals(summary.totalInferences(), inferences.count(), "every generated inference lands exactly once");
        for (ModelCounts model : summary.models()) {
            Dataset<Row> mine = inferences.where(inferences.col(MODEL_ID).equalTo(model.modelId()));
            assertEquals(model.inferences(), mine.count(), model.modelId());
            assertEquals(model.errors(), mine.where(IS_ERROR).count(), model.modelId() + " errors");
            assertEquals(model.trainingRecords(), mine.where(mine.col(ENVIRONMENT).equalTo("training")).count(), model.modelId());
        }
        long actualRecords = summary.models().stream()
                .mapToLong(m -> m.delayedActuals() + m.inlineActuals() + m.trainingRecords()).sum();
        assertEquals(actualRecords, spark.read().format("delta").load(config.paths().table(TableNames.ACTUALS)).count());

        Map<String, Long> expectedBad = new TreeMap<>();
        summary.badLines().forEach((reason, n) -> {
            if (n > 0) {
                expectedBad.put(reason, n);
            }
        });
        Map<String, Long> quarantined = new TreeMap<>();
        for (Row r : spark.read().format("delta").load(config.paths().table(TableNames.QUARANTINE)).groupBy(REASON).count().collectAsList()) {
            quarantined.put(r.getString(0), r.getLong(1));
        }
        assertEquals(expectedBad, quarantined);
        assertEquals(summary.totalBadLines(), run.recordsQuarantined());
        assertEquals(run.recordsRead(), run.recordsWritten() + run.recordsQuarantined());
    }
}
