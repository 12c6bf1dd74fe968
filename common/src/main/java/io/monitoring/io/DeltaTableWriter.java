package io.monitoring.io;

import io.delta.tables.DeltaTable;
import io.monitoring.spark.DerivedSessions;
import io.monitoring.spark.SqlLiterals;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The three ways jobs write Delta tables, each safe to repeat: insert rows whose key is new
 * (ingest), replace the rows of the windows a job computed (derived tables), append (run log).
 */
public final class DeltaTableWriter {
    private DeltaTableWriter() {}

    /** The table property that turns on Delta's optimized writes for every write to the table. */
    public static final String OPTIMIZED_WRITES = "delta.autoOptimize.optimizeWrite";

    /** Creates the table with its explicit schema and partitioning if it does not exist yet. */
    public static DeltaTable ensure(SparkSession spark, String path, StructType schema, String partitionColumn) {
        if (DeltaTable.isDeltaTable(spark, path)) {
            return DeltaTable.forPath(spark, path);
        }
        // two first runs at once: the loser of the create sees the winner's table on retry
        return retryOnConflict(path, () -> {
            var builder = DeltaTable.createIfNotExists(spark).location(path).addColumns(schema);
            if (partitionColumn != null) {
                // optimized writes: rows are shuffled by partition value into size-bounded bins, so a
                // date gets few files (as MERGE's repartition by partition gives) yet a large date is
                // written by several tasks, not by one
                builder = builder.partitionedBy(partitionColumn).property(OPTIMIZED_WRITES, "true");
            }
            return builder.execute();
        });
    }

    public static boolean exists(SparkSession spark, String path) {
        return DeltaTable.isDeltaTable(spark, path);
    }

    /**
     * Inserts the source rows whose key is not in the table yet (the source holds one row per key).
     * When {@code partitionColumn} and its values are given, only those partitions are matched, so
     * the cost follows the batch, not the history. Returns the number of rows inserted.
     */
    public static long insertNew(SparkSession spark, String path, StructType schema, Dataset<Row> source,
            List<String> keys, String partitionColumn, List<String> partitionValues) {
        return insertNew(spark, path, schema, source, keys, partitionColumn, partitionValues, InPlaceWrite.SHUFFLE);
    }

    /**
     * As {@link #insertNew(SparkSession, String, StructType, Dataset, List, String, List)}, with the
     * rows written as {@code write} plans: by that many tasks, each reading its share of the source
     * where it is (a coalesce), without the optimized writes' shuffle, each task keeping a file open
     * per partition value rather than sorting its rows by partition; or, for
     * {@link InPlaceWrite#SHUFFLE}, shuffled into the table's optimized-write bins.
     */
    public static long insertNew(SparkSession spark, String path, StructType schema, Dataset<Row> source,
            List<String> keys, String partitionColumn, List<String> partitionValues, InPlaceWrite write) {
        ensure(spark, path, schema, partitionColumn);
        String condition = keys.stream().map(k -> "t.`" + k + "` = s.`" + k + "`").collect(Collectors.joining(" AND "));
        if (partitionColumn != null && partitionValues != null) {
            if (partitionValues.isEmpty()) {
                return 0;
            }
            condition = "t.`" + partitionColumn + "` IN (" + SqlLiterals.list(partitionValues) + ") AND " + condition;
        }
        String view = "insert_new_source_" + UUID.randomUUID().toString().replace('-', '_');
        if (write.shuffles()) {
            source.createOrReplaceTempView(view);
            try {
                return merge(spark, path, "`" + view + "`", condition);
            } finally {
                spark.catalog().dropTempView(view);
            }
        }
        // the session confs that shuffle a MERGE's rows, and the open files that spare each task a
        // sort by partition, are set on a session of this write's own (sharing the SparkContext and
        // the cached data), never on the caller's: another write running in the caller's session at
        // the same time keeps its own layout
        SparkSession writer = WriteSessions.withoutWriteShuffle(spark, partitionValues == null ? 1 : partitionValues.size());
        source.coalesce(write.tasks()).createOrReplaceGlobalTempView(view);
        try {
            return merge(writer, path, DerivedSessions.globalTempView(spark, view), condition);
        } finally {
            spark.catalog().dropGlobalTempView(view);
        }
    }

    /**
     * MERGE as SQL, not through DeltaTable.merge: in this Delta the SQL command returns its own
     * counts, where reading the table history after the merge can find another writer's commit
     * (two ingest runs at once each reported the other's inserts).
     */
    private static long merge(SparkSession spark, String path, String source, String condition) {
        String merge = "MERGE INTO " + SqlLiterals.deltaTable(path) + " AS t USING " + source + " AS s ON " + condition
                + " WHEN NOT MATCHED THEN INSERT *";
        return retryOnConflict(path, () -> spark.sql(merge).first().<Long>getAs("num_inserted_rows"));
    }

    /**
     * Deletes the rows matching {@code predicate} (SQL over the table's columns) in one commit and
     * returns how many it deleted, as counted by that command itself.
     */
    public static long deleteWhere(SparkSession spark, String path, String predicate) {
        String delete = "DELETE FROM " + SqlLiterals.deltaTable(path) + " WHERE " + predicate;
        return retryOnConflict(path, () -> spark.sql(delete).first().<Long>getAs("num_affected_rows"));
    }

    private static final int CONFLICT_ATTEMPTS = 5;

    /**
     * Runs a Delta write again when another writer committed a conflicting change first. The
     * writes here are insert-if-new or replace-window, so a retry reads the winner's commit and
     * converges on the same table; after the last attempt the conflict is thrown (a clean failure
     * the next run completes).
     */
    static <T> T retryOnConflict(String path, java.util.function.Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (Exception e) { // AnalysisException is a checked exception Scala throws undeclared
                if (!isConflict(e) || attempt >= CONFLICT_ATTEMPTS) {
                    throw e;
                }
                org.apache.logging.log4j.LogManager.getLogger(DeltaTableWriter.class)
                        .warn("concurrent commit on {} (attempt {}): {}; retrying", path, attempt, e.getClass().getSimpleName());
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * A write that lost a race: another writer's commit came first, or the table another run was
     * creating at that moment was not yet visible to this write (seen once in CI as
     * DELTA_TABLE_NOT_FOUND from one of two ingest runs started at once on an empty root). Both
     * clear up when the write reads the log again.
     */
    private static boolean isConflict(Exception e) {
        return e instanceof io.delta.exceptions.DeltaConcurrentModificationException
                || e instanceof org.apache.spark.SparkThrowable t && "DELTA_TABLE_NOT_FOUND".equals(t.getErrorClass());
    }

    /** Replaces every row matching {@code predicate} with {@code rows}, atomically (one commit). */
    public static void replaceWhere(SparkSession spark, String path, StructType schema, Dataset<Row> rows,
            String predicate, String partitionColumn) {
        ensure(spark, path, schema, partitionColumn);
        retryOnConflict(path, () -> {
            rows.write().format("delta").mode(SaveMode.Overwrite).option("replaceWhere", predicate).save(path);
            return null;
        });
    }

    public static void append(SparkSession spark, String path, StructType schema, Dataset<Row> rows) {
        ensure(spark, path, schema, null);
        rows.write().format("delta").mode(SaveMode.Append).save(path);
    }
}
