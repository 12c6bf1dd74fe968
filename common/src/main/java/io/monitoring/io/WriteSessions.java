package io.monitoring.io;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import scala.collection.JavaConverters;

/**
 * Spark sessions for one write with a conf of its own. A new session shares the caller's
 * SparkContext, cached data and global temporary views; it takes the caller's SQL settings, with
 * the write's own on top, so the caller's session is never changed under another job running in it.
 */
final class WriteSessions {
    private WriteSessions() {}

    /** Delta's settings that shuffle the rows of a MERGE or a write before they are written. */
    static final Map<String, String> NO_WRITE_SHUFFLE = Map.of(
            "spark.databricks.delta.optimizeWrite.enabled", "false",
            "spark.databricks.delta.merge.repartitionBeforeWrite.enabled", "false");

    /** A session like {@code spark}, whose Delta writes keep the partitioning of the rows they are given. */
    static SparkSession withoutWriteShuffle(SparkSession spark) {
        SparkSession session = spark.newSession();
        Map<String, String> callers = JavaConverters.mapAsJavaMap(spark.conf().getAll());
        Map<String, String> fresh = JavaConverters.mapAsJavaMap(session.conf().getAll());
        callers.forEach((key, value) -> {
            if (!value.equals(fresh.get(key)) && session.conf().isModifiable(key)) {
                session.conf().set(key, value);
            }
        });
        NO_WRITE_SHUFFLE.forEach((key, value) -> session.conf().set(key, value));
        return session;
    }

    /** Where global temporary views live (a static setting, the same for every session). */
    static String globalTempDatabase(SparkSession spark) {
        return spark.conf().get("spark.sql.globalTempDatabase");
    }
}
