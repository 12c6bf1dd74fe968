package io.monitoring.spark;

import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark SQL setting changed for one action of a job and put back afterwards, so the rest of a
 * shared session keeps its own. A value the user set explicitly (spark-submit, the config's
 * {@code spark.conf}) is kept as it is.
 */
public final class SessionSettings {
    private SessionSettings() {}

    /** Runs {@code action} with {@code key} set to {@code value} unless the session already sets it. */
    public static <T> T during(SparkSession spark, String key, String value, Supplier<T> action) {
        if (spark.conf().contains(key)) {
            return action.get();
        }
        spark.conf().set(key, value);
        try {
            return action.get();
        } finally {
            spark.conf().unset(key);
        }
    }
}
