package io.monitoring.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import scala.collection.JavaConverters;

/**
 * Spark sessions for one step with settings of its own. A new session shares the caller's
 * SparkContext, cached data and global temporary views; it takes the caller's SQL settings, with
 * the step's own on top, so the caller's session is never changed under another job running in it.
 * A dataset of the caller's reaches the new session as a global temporary view.
 */
public final class DerivedSessions {
    private DerivedSessions() {}

    /** A session with {@code spark}'s SQL settings and {@code settings} on top. */
    public static SparkSession withSettings(SparkSession spark, Map<String, String> settings) {
        SparkSession session = spark.newSession();
        Map<String, String> callers = JavaConverters.mapAsJavaMap(spark.conf().getAll());
        Map<String, String> fresh = JavaConverters.mapAsJavaMap(session.conf().getAll());
        callers.forEach((key, value) -> {
            if (!value.equals(fresh.get(key)) && session.conf().isModifiable(key)) {
                session.conf().set(key, value);
            }
        });
        settings.forEach((key, value) -> session.conf().set(key, value));
        return session;
    }

    /** Where global temporary views live (a static setting, the same for every session). */
    public static String globalTempDatabase(SparkSession spark) {
        return spark.conf().get("spark.sql.globalTempDatabase");
    }

    /** The quoted name {@code session.table(...)} reads a global temporary view by. */
    public static String globalTempView(SparkSession spark, String view) {
        return "`" + globalTempDatabase(spark) + "`.`" + view + "`";
    }
}
