package io.monitoring.io;

import static org.apache.spark.sql.functions.*;
import static org.junit.jupiter.api.Assertions.*;

import io.delta.tables.DeltaTable;
import io.monitoring.testing.SharedSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partitioned table made by {@link DeltaTableWriter#ensure} has optimized writes on, so one
 * large date is written as several size-bounded files by several tasks, not as one file by one
 * task (what MERGE's repartition by the partition column alone would do), and every row lands.
 */
class DeltaTableWriterOptimizedWritesTest {
    private static final String BIN_SIZE = "spark.databricks.delta.optimizeWrite.binSize";
    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("event_date", DataTypes.DateType, false)
            .add("payload", DataTypes.StringType);

    @TempDir
    Path dir;

    @Test
    void oneLargeDateIsSplitIntoSeveralFiles() {
        SparkSession spark = SharedSpark.get();
        String path = dir.resolve("events").toString();
        Dataset<Row> rows = spark.range(0, 120_000, 1, 4)
                .select(concat(lit("r"), col("id").cast("string")).as("id"),
                        to_date(lit("2026-02-01")).as("event_date"),
                        sha2(col("id").cast("string"), 512).as("payload"));
        String before = spark.conf().get(BIN_SIZE);
        spark.conf().set(BIN_SIZE, "2");   // MiB: ~20 MiB of distinct hashes make several bins
        long inserted;
        try {
            inserted = DeltaTableWriter.insertNew(spark, path, SCHEMA, rows, List.of("id"), "event_date", List.of("2026-02-01"));
        } finally {
            spark.conf().set(BIN_SIZE, before);
        }

        assertEquals(120_000L, inserted);
        Dataset<Row> table = spark.read().format("delta").load(path);
        assertEquals(120_000L, table.select("id").distinct().count(), "every row once");
        int files = table.inputFiles().length;
        assertTrue(files > 1, "one date in " + files + " file(s)");
        assertTrue(files < 40, "size-bounded bins, not one file per task and date: " + files);
        Row detail = DeltaTable.forPath(spark, path).detail().first();
        assertEquals("true", detail.<String, String>getJavaMap(detail.fieldIndex("properties")).get(DeltaTableWriter.OPTIMIZED_WRITES));
    }
}
