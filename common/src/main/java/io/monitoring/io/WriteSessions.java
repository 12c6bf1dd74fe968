package io.monitoring.io;

import io.monitoring.spark.DerivedSessions;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The settings of a write's own session ({@link DerivedSessions}): the caller's session is never
 * changed under another job running in it.
 */
final class WriteSessions {
    private WriteSessions() {}

    /** Delta's settings that shuffle the rows of a MERGE or a write before they are written. */
    static final Map<String, String> NO_WRITE_SHUFFLE = Map.of(
            "spark.databricks.delta.optimizeWrite.enabled", "false",
            "spark.databricks.delta.merge.repartitionBeforeWrite.enabled", "false");

    /** Spark's setting for how many files one write task keeps open at once, one per partition value. */
    static final String OPEN_FILES_PER_TASK = "spark.sql.maxConcurrentOutputFileWriters";

    /**
     * The most files a write task keeps open, each buffering a Parquet row group; past this many
     * partition values a task sorts its remaining rows by partition instead.
     */
    static final int MAX_OPEN_FILES_PER_TASK = 16;

    /**
     * A session like {@code spark}, whose Delta writes keep the partitioning of the rows they are
     * given, and whose write tasks keep one file open per partition value (up to
     * {@link #MAX_OPEN_FILES_PER_TASK}) instead of sorting their rows by partition first: a task
     * of a batch over {@code partitionValues} values writes its rows as they come.
     */
    static SparkSession withoutWriteShuffle(SparkSession spark, int partitionValues) {
        Map<String, String> settings = new HashMap<>(NO_WRITE_SHUFFLE);
        // Spark turns to sorting as soon as a task holds as many files as the setting, so one more
        settings.put(OPEN_FILES_PER_TASK, String.valueOf(Math.max(1, Math.min(partitionValues, MAX_OPEN_FILES_PER_TASK)) + 1));
        return DerivedSessions.withSettings(spark, settings);
    }
}
