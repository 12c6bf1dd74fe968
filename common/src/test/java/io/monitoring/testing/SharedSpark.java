package io.monitoring.testing;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.spark.SparkSessionFactory;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession every test class of a module shares (a test JVM per module):
 * local[2], UI off, two shuffle partitions, UTC, Delta extensions. Never stopped by a test.
 */
public final class SharedSpark {
    private static SparkSession session;

    private SharedSpark() {}

    public static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSessionFactory.create("monitoring-tests", new MonitoringConfig.SparkSettings("local[2]", 2, Map.of(
                    "spark.ui.enabled", "false",
                    "spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/monitoring-tests-warehouse",
                    "spark.databricks.delta.snapshotPartitions", "2",
                    "spark.sql.sources.parallelPartitionDiscovery.parallelism", "2",
                    "spark.default.parallelism", "2",
                    "spark.sql.adaptive.coalescePartitions.initialPartitionNum", "2")));
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }
}
