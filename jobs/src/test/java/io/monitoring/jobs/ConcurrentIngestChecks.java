package io.monitoring.jobs;

import static io.monitoring.model.Columns.*;
import static org.junit.jupiter.api.Assertions.*;

import io.delta.exceptions.DeltaConcurrentModificationException;
import io.monitoring.config.MonitoringConfig;
import io.monitoring.io.PipelineRun;
import io.monitoring.model.TableNames;
import io.monitoring.testing.DeltaTableRows;
import io.monitoring.testing.SharedSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two ingest runs over the same landing at the same time (an Airflow retry overlapping a slow
 * attempt, or a manual run beside the scheduled one), then a third: whichever commits first, the
 * other's conflicting Delta commits are retried against the winner's table (or fail cleanly), and
 * the tables equal one uninterrupted run's with no duplicate key. The two runs share this JVM's
 * SparkSession; Delta's optimistic concurrency works on the table's log files the same way
 * whether the writers are threads or processes (the crash test runs jobs in JVMs of their own).
 * Run by {@link ReferencePipelineTest}.
 */
abstract class ConcurrentIngestChecks {
    private final SparkSession spark = SharedSpark.get();

    @TempDir
    Path root;

    @Test
    void twoIngestRunsAtOnceInsertEveryRecordOnce() throws Exception {
        ReferencePipeline ref = ReferencePipeline.get();
        MonitoringConfig config = ref.configUnder(root);

        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<PipelineRun>> racing = new ArrayList<>();
        for (String runId : List.of("ingest-a", "ingest-b")) {
            racing.add(CompletableFuture.supplyAsync(() -> {
                awaitQuietly(go);
                // every run reads every file (not only those missing from the ledger), so both racers
                // really merge the same keys at once whatever the ledger holds when each starts
                return IngestJob.execute(spark, config, ref.asOf, runId, true);
            }));
        }
        go.countDown();
        List<PipelineRun> succeeded = new ArrayList<>();
        for (CompletableFuture<PipelineRun> run : racing) {
            try {
                succeeded.add(run.join());
            } catch (java.util.concurrent.CompletionException e) {
                assertInstanceOf(DeltaConcurrentModificationException.class, e.getCause(),
                        "a run may only lose by a Delta conflict that outlasted its retries");
            }
        }
        PipelineRun rerun = IngestJob.execute(spark, config, ref.asOf, "ingest-c", true);
        DeltaTableRows.assertUniqueKeys(spark, config.paths().table(TableNames.INGESTED_FILES),
                List.of(SOURCE_FILE, FILE_LENGTH, FILE_MODIFIED_AT), TableNames.INGESTED_FILES);

        for (String table : List.of(TableNames.INFERENCES, TableNames.ACTUALS, TableNames.QUARANTINE)) {
            List<String> key = Map.of(TableNames.INFERENCES, List.of(MODEL_ID, INFERENCE_ID),
                    TableNames.ACTUALS, List.of(ACTUAL_ID), TableNames.QUARANTINE, List.of(QUARANTINE_ID)).get(table);
            DeltaTableRows.assertUniqueKeys(spark, config.paths().table(table), key, table);
            DeltaTableRows.assertSameRows(spark, ref.config.paths().table(table), config.paths().table(table), key, List.of(), table);
        }

        PipelineRun single = ref.runs.get(IngestJob.NAME);
        succeeded.add(rerun);
        for (PipelineRun run : succeeded) {
            assertEquals(single.recordsRead(), run.recordsRead(), run.runId());
            assertEquals(run.recordsRead(), run.recordsWritten() + run.recordsQuarantined(), run.runId());
        }
        if (succeeded.size() == 3) {
            // nothing failed, so every commit is in a succeeded run's counts: each record inserted exactly once
            for (String metric : List.of("inferences_inserted", "actuals_inserted", "quarantine_inserted")) {
                assertEquals(single.metrics().get(metric), succeeded.stream().mapToLong(r -> r.metrics().get(metric)).sum(), metric);
            }
        }
        List<Row> logged = spark.read().format("delta").load(config.paths().table(TableNames.PIPELINE_RUNS)).collectAsList();
        assertEquals(3, logged.size(), "one row per run, failed or not");
        long failedRows = logged.stream().filter(r -> "failed".equals(r.getAs(STATUS))).count();
        assertEquals(3 - succeeded.size(), failedRows);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
