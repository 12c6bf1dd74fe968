package io.monitoring.io;

import static org.apache.spark.sql.functions.*;
import static org.junit.jupiter.api.Assertions.*;

import io.monitoring.spark.DerivedSessions;
import io.monitoring.testing.SharedSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An insert planned {@link InPlaceWrite in place} writes the source's rows by that many tasks with
 * no shuffle (one file per task and date, where the optimized write of a partitioned table packs a
 * small batch into one file), without sorting a task's rows by date while it has few dates to
 * write, inserts only new keys as the shuffled insert does, and leaves the caller's session as it
 * was.
 */
class DeltaTableWriterInPlaceTest {
    /** (id, event_date), as the counts test writes. */
    private static final StructType SCHEMA = DeltaTableWriterCountsTest.SCHEMA;

    private final SparkSession spark = SharedSpark.get();

    @TempDir
    Path dir;

    private Dataset<Row> ids(long from, long to, String... dates) {
        Column[] dateLiterals = Arrays.stream(dates).map(functions::lit).toArray(Column[]::new);
        // six partitions; the rows take the dates in turn
        return spark.range(from, to, 1, 6).select(col("id"),
                to_date(element_at(array(dateLiterals), pmod(col("id"), lit(dates.length)).plus(1).cast("int"))).as("event_date"));
    }

    private long insert(String path, Dataset<Row> rows, List<String> dates, int tasks) {
        return DeltaTableWriter.insertNew(spark, path, SCHEMA, rows, List.of("id"), "event_date", dates, new InPlaceWrite(tasks));
    }

    private String setting(String key) {
        scala.Option<String> value = spark.conf().getOption(key);
        return value.isDefined() ? value.get() : "<unset>";
    }

    private int files(String path) {
        return spark.read().format("delta").load(path).inputFiles().length;
    }

    @Test
    void eachTaskWritesOneFilePerDateWithoutAShuffle() {
        String path = dir.resolve("in place").toString();
        assertEquals(600L, insert(path, ids(0, 600, "2026-02-01"), List.of("2026-02-01"), 3));
        assertEquals(3, files(path), "three tasks over six partitions, one date");

        String shuffled = dir.resolve("shuffled").toString();
        DeltaTableWriter.insertNew(spark, shuffled, SCHEMA, ids(0, 600, "2026-02-01"), List.of("id"), "event_date", List.of("2026-02-01"));
        assertEquals(1, files(shuffled), "the optimized write packs the same rows into one bin");

        String twoDates = dir.resolve("two dates").toString();
        assertEquals(600L, insert(twoDates, ids(0, 600, "2026-02-01", "2026-02-02"), List.of("2026-02-01", "2026-02-02"), 2));
        assertEquals(4, files(twoDates), "two tasks, each with rows of both dates");
    }

    /**
     * The most execution memory any task that wrote rows held while {@code action} ran (a sort
     * holds some, the file writers none; Delta's own log stages are not counted).
     */
    private long peakExecutionMemory(Runnable action) throws TimeoutException {
        AtomicLong peak = new AtomicLong();
        SparkListener listener = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
                if (taskEnd.taskMetrics() != null && taskEnd.taskMetrics().outputMetrics().recordsWritten() > 0) {
                    peak.accumulateAndGet(taskEnd.taskMetrics().peakExecutionMemory(), Math::max);
                }
            }
        };
        spark.sparkContext().listenerBus().waitUntilEmpty(TimeUnit.SECONDS.toMillis(30));
        spark.sparkContext().addSparkListener(listener);
        try {
            action.run();
            spark.sparkContext().listenerBus().waitUntilEmpty(TimeUnit.SECONDS.toMillis(30));
        } finally {
            spark.sparkContext().removeSparkListener(listener);
        }
        return peak.get();
    }

    @Test
    void tasksWriteTheirRowsAsTheyComeWithoutSortingThemByDate() throws Exception {
        String path = dir.resolve("unsorted").toString();
        List<String> dates = List.of("2026-02-01", "2026-02-02", "2026-02-03");
        long peak = peakExecutionMemory(() -> assertEquals(600L, insert(path, ids(0, 600, dates.toArray(String[]::new)), dates, 2)));
        assertEquals(0L, peak, "one open file per date and task, no sort");
        assertEquals(6, files(path));
    }

    @Test
    void tasksOverMoreDatesThanFilesTheyMayOpenSortTheRestAndLoseNoRow() throws Exception {
        String path = dir.resolve("many dates").toString();
        String[] dates = IntStream.range(0, WriteSessions.MAX_OPEN_FILES_PER_TASK + 4)
                .mapToObj(d -> LocalDate.of(2026, 2, 1).plusDays(d).toString()).toArray(String[]::new);
        assertEquals(2000L, insert(path, ids(0, 2000, dates), List.of(dates), 1));
        Dataset<Row> table = spark.read().format("delta").load(path);
        assertEquals(2000L, table.select("id").distinct().count());
        assertEquals(dates.length, table.select("event_date").distinct().count());
        assertEquals(dates.length, files(path), "one task: one file per date");
    }

    @Test
    void aWriterSessionLetsATaskOpenOneFileMoreThanItsDates() {
        // Spark falls back to sorting once a task holds as many files as the setting allows
        assertEquals("2", WriteSessions.withoutWriteShuffle(spark, 1).conf().get(WriteSessions.OPEN_FILES_PER_TASK));
        assertEquals("4", WriteSessions.withoutWriteShuffle(spark, 3).conf().get(WriteSessions.OPEN_FILES_PER_TASK));
        assertEquals(String.valueOf(WriteSessions.MAX_OPEN_FILES_PER_TASK + 1),
                WriteSessions.withoutWriteShuffle(spark, 400).conf().get(WriteSessions.OPEN_FILES_PER_TASK));
    }

    @Test
    void onlyNewKeysAreInsertedAndEveryRowLandsOnce() {
        String path = dir.resolve("t").toString();
        assertEquals(600L, insert(path, ids(0, 600, "2026-02-01"), List.of("2026-02-01"), 2));
        assertEquals(300L, insert(path, ids(300, 900, "2026-02-01"), List.of("2026-02-01"), 2), "300..599 are there already");
        assertEquals(0L, insert(path, ids(0, 900, "2026-02-01"), List.of("2026-02-01"), 4));
        Dataset<Row> table = spark.read().format("delta").load(path);
        assertEquals(900L, table.count());
        assertEquals(900L, table.select("id").distinct().count());
    }

    @Test
    void theCallersSessionAndItsViewsAreLeftAsTheyWere() throws Exception {
        String optimize = "spark.databricks.delta.optimizeWrite.enabled";
        String repartition = "spark.databricks.delta.merge.repartitionBeforeWrite.enabled";
        Map<String, String> before = Map.of(optimize, setting(optimize), repartition, setting(repartition));
        insert(dir.resolve("c").toString(), ids(0, 60, "2026-02-01"), List.of("2026-02-01"), 2);
        before.forEach((key, value) -> assertEquals(value, setting(key), key));
        String globalViews = DerivedSessions.globalTempDatabase(spark);
        assertEquals(0L, spark.catalog().listTables(globalViews).where(col("name").startsWith("insert_new_source_")).count(),
                "the source's global view is dropped");
    }
}
