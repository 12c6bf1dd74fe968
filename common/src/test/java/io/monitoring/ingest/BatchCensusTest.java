package io.monitoring.ingest;

import static io.monitoring.model.Columns.*;
import static org.junit.jupiter.api.Assertions.*;

import io.monitoring.config.ConfigLoader;
import io.monitoring.model.Schemas;
import io.monitoring.spark.DerivedSessions;
import io.monitoring.testing.SharedSpark;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/** One pass over parsed rows counts each kind, its repeated keys and its dates. */
class BatchCensusTest {
    private final SparkSession spark = SharedSpark.get();
    private final RecordRouter router = new RecordRouter(IngestRules.of(Instant.parse("2026-02-05T00:00:00Z"),
            ConfigLoader.load(null, Map.of()), Map.of()));

    private List<Row> route(String file, long line, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return router.route(bytes, bytes.length, new SourcePosition(file, line, null, Instant.parse("2026-02-04T00:00:00Z")));
    }

    private List<Row> batch() {
        List<Row> rows = new ArrayList<>();
        // inference a with its actual inline, delivered twice with different times
        rows.addAll(route("s3a://l/a.jsonl", 1, "{\"id\":\"a\",\"monitor_id\":\"m\",\"prediction\":\"x\",\"actual\":\"x\",\"timestamp\":\"2026-02-01T10:00:00Z\"}"));
        rows.addAll(route("s3a://l/b.jsonl", 1, "{\"id\":\"a\",\"monitor_id\":\"m\",\"prediction\":\"x\",\"actual\":\"x\",\"timestamp\":\"2026-02-02T10:00:00Z\"}"));
        // inference a of another model, and b
        rows.addAll(route("s3a://l/b.jsonl", 2, "{\"id\":\"a\",\"monitor_id\":\"n\",\"prediction\":\"x\",\"timestamp\":\"2026-02-01T11:00:00Z\"}"));
        rows.addAll(route("s3a://l/b.jsonl", 3, "{\"id\":\"b\",\"monitor_id\":\"m\",\"prediction\":\"y\",\"timestamp\":\"2026-02-03T00:00:00Z\"}"));
        // an actual alone, and a rejected record
        rows.addAll(route("s3a://l/c.jsonl", 1, "{\"id\":\"c\",\"monitor_id\":\"m\",\"actual\":\"yes\",\"timestamp\":\"2026-02-01T13:00:00Z\"}"));
        rows.addAll(route("s3a://l/c.jsonl", 2, "{\"id\":\"d\",\"monitor_id\":\"m\",\"prediction\":1e400}"));
        return rows;
    }

    @Test
    void countsEachKindItsRepeatedKeysAndItsDates() {
        List<Row> rows = batch();
        BatchCensus census = BatchCensus.of(BatchCensus.withKeys(spark.createDataFrame(rows, Schemas.PARSED)));

        assertEquals(6, census.read(), "one per parsed row, an inference with its actual inline counted once");
        assertEquals(new BatchCensus.Kind(4, 1, List.of("2026-02-01", "2026-02-02", "2026-02-03")), census.inferences());
        assertEquals(new BatchCensus.Kind(1, 0, List.of()), census.quarantine());

        // the actuals' ids and dates as the parser made them
        Map<String, Integer> deliveries = new HashMap<>();
        TreeSet<String> dates = new TreeSet<>();
        for (Row row : rows) {
            if (!row.isNullAt(1)) {
                deliveries.merge(row.getStruct(1).getAs(ACTUAL_ID), 1, Integer::sum);
                dates.add(row.getStruct(1).getAs(ACTUAL_DATE).toString());
            }
        }
        long repeated = deliveries.values().stream().filter(n -> n > 1).count();
        assertEquals(new BatchCensus.Kind(3, repeated, List.copyOf(dates)), census.actuals());
        assertTrue(dates.contains("2026-02-01") && dates.size() >= 2, "actuals of two days: " + dates);
    }

    @Test
    void leavesTheBatchCached() {
        org.apache.spark.sql.Dataset<Row> parsed = BatchCensus.withKeys(spark.createDataFrame(batch(), Schemas.PARSED)).persist();
        try {
            BatchCensus.of(parsed);
            assertTrue(spark.sharedState().cacheManager().lookupCachedData(parsed).isDefined(),
                    "the writes after the census read the batch from the cache, not by parsing it again");
        } finally {
            parsed.unpersist();
        }
    }

    @Test
    void parsesAndCachesAPersistedBatchInTheStageThatCountsIt() throws TimeoutException, AnalysisException {
        int partitions = 5; // unlike the tests' two shuffle partitions, so a stage over the batch shows by its tasks
        Dataset<Row> parsed = BatchCensus.withKeys(spark.createDataFrame(
                JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(batch(), partitions), Schemas.PARSED)).persist();
        List<Integer> stageTasks = Collections.synchronizedList(new ArrayList<>());
        SparkListener listener = new SparkListener() {
            @Override
            public void onStageCompleted(SparkListenerStageCompleted completed) {
                stageTasks.add(completed.stageInfo().numTasks());
            }
        };
        String adaptive = spark.conf().get("spark.sql.adaptive.enabled");
        spark.sparkContext().listenerBus().waitUntilEmpty(TimeUnit.SECONDS.toMillis(30));
        spark.sparkContext().addSparkListener(listener);
        try {
            assertEquals(6, BatchCensus.of(parsed).read());
            spark.sparkContext().listenerBus().waitUntilEmpty(TimeUnit.SECONDS.toMillis(30));
            assertEquals(1, stageTasks.stream().filter(tasks -> tasks == partitions).count(),
                    "one pass over the batch, not a pass that caches it and another that reads the cache back: " + stageTasks);
            assertEquals(adaptive, spark.conf().get("spark.sql.adaptive.enabled"), "the caller's session is left as it was");
            assertEquals(0L, spark.catalog().listTables(DerivedSessions.globalTempDatabase(spark))
                    .where(functions.col("name").startsWith("batch_census_")).count(), "the census's view is dropped");
        } finally {
            spark.sparkContext().removeSparkListener(listener);
            parsed.unpersist();
        }
    }

    @Test
    void aDayBefore1970KeepsItsSign() {
        // the census packs a day number into 61 bits: a negative one must come back negative
        org.apache.spark.sql.Dataset<Row> parsed = spark.createDataFrame(batch(), Schemas.PARSED)
                .withColumn(INFERENCE, org.apache.spark.sql.functions.col(INFERENCE)
                        .withField(EVENT_DATE, org.apache.spark.sql.functions.lit(java.time.LocalDate.of(1969, 12, 31))));
        assertEquals(List.of("1969-12-31"), BatchCensus.of(BatchCensus.withKeys(parsed)).inferences().dates());
    }

    @Test
    void anEmptyBatchHasNothing() {
        BatchCensus census = BatchCensus.of(BatchCensus.withKeys(spark.createDataFrame(List.of(), Schemas.PARSED)));
        assertEquals(new BatchCensus(0, new BatchCensus.Kind(0, 0, List.of()), new BatchCensus.Kind(0, 0, List.of()),
                new BatchCensus.Kind(0, 0, List.of())), census);
    }
}
