package io.monitoring.spark;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.spark.columnar.CompressingCachedBatchSerializer;
import java.io.File;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one place a SparkSession is built: Delta extensions, UTC session time, and the configured
 * extra settings. A master from spark-submit always wins over the configured local default.
 */
public final class SparkSessionFactory {
    private SparkSessionFactory() {}

    /** A session for a job: Spark settings plus the configured table catalog. */
    public static SparkSession create(String appName, MonitoringConfig config) {
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        MonitoringConfig.Catalog catalog = config.catalog();
        if ("local-derby".equals(catalog.metastore())) {
            File derby = new File(catalog.localDerbyDir()).getAbsoluteFile();
            builder.enableHiveSupport()
                    .config("spark.hadoop.javax.jdo.option.ConnectionURL",
                            "jdbc:derby:;databaseName=" + derby.getPath() + ";create=true")
                    .config("spark.sql.warehouse.dir", new File(derby.getParentFile(), "spark-warehouse").toURI().toString())
                    // Hive's session folders default to java.io.tmpdir (a <uuid>_resources folder per run,
                    // never removed); a local run keeps everything it writes under its own root.
                    .config("spark.hadoop.hive.exec.local.scratchdir", new File(derby.getParentFile(), "hive-scratch/local").getPath())
                    .config("spark.hadoop.hive.downloaded.resources.dir", new File(derby.getParentFile(), "hive-scratch/resources").getPath());
            System.setProperty("derby.stream.error.file", new File(derby.getParentFile(), "derby.log").getPath());
        }
        return configure(builder, config.spark());
    }

    public static SparkSession create(String appName, MonitoringConfig.SparkSettings settings) {
        return configure(SparkSession.builder().appName(appName), settings);
    }

    private static SparkSession configure(SparkSession.Builder builder, MonitoringConfig.SparkSettings settings) {
        SparkConf launched = new SparkConf();
        if (!launched.contains("spark.master")) {
            // Local runs: Spark's and Delta's cluster-sized defaults (10,000 listing tasks for a
            // VACUUM, 50 partitions per Delta snapshot) cost more than the work on one machine.
            // A snapshot's state (the table's file list) is rebuilt for every new version of a
            // table a job reads or writes, a few times per job, and a query's file pruning reads it
            // again: with a partition per task thread each of those is one wave of tasks, where 8
            // partitions on 2 threads took 0.5 s per read of the run log (about 0.15 s with 2)
            int snapshotPartitions = LocalMasters.cores(settings.master()).orElse(8);
            builder.master(settings.master())
                    .config("spark.sql.sources.parallelPartitionDiscovery.parallelism", "8")
                    .config("spark.databricks.delta.snapshotPartitions", String.valueOf(snapshotPartitions))
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1");
        }
        builder.config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.session.timeZone", "UTC")
                // The generated classes are kept per JVM, keyed by their code, 100 by default: a job
                // plans dozens of queries (its own and Delta's snapshot, pruning and commit queries),
                // so a JVM that runs several jobs (the pipeline runner, a scheduler's long-lived
                // driver) evicted and compiled them again every time, about 3 s of Janino per daily
                // run of stats, quality and drift
                .config("spark.sql.codegen.cache.maxEntries", "1000")
                // Rows carry java.time.Instant / LocalDate: no JVM-time-zone conversions anywhere.
                .config("spark.sql.datetime.java8API.enabled", "true")
                .config("spark.sql.shuffle.partitions", String.valueOf(settings.shufflePartitions()))
                // Aggregations with object buffers (the stats' KLL sketches and value sets) run as object
                // hash aggregations, which sort the rest of a task's input past 128 groups by default;
                // a day of stats has thousands of groups (hours x slices x classes), and the sort of
                // the exploded input was most of the stats job. A buffer is a few KB, so up to this
                // many groups per task stay hashed; past it Spark still falls back to the sort.
                .config("spark.sql.objectHashAggregate.sortBased.fallbackThreshold", "16384")
                .config("spark.sql.adaptive.enabled", "true")
                // Spark 3.5 puts a per-task sort and top-1 before the shuffle of a "row_number() = 1"
                // filter. Ingest's first delivery per key is one when many keys repeat in a batch
                // (FirstDeliveries): that sort of every parsed row halved little and cost as much as
                // the shuffle after it.
                .config("spark.sql.optimizer.windowGroupLimitThreshold", "-1")
                // Delta's own defaults leave these off; the jobs rely on them.
                .config("spark.databricks.delta.schema.autoMerge.enabled", "false")
                .config("spark.databricks.delta.merge.repartitionBeforeWrite.enabled", "true")
                // Bin size of the optimized writes of the partitioned tables (DeltaTableWriter.ensure):
                // 128 MiB, not Delta's 512, so a day of a million inferences spans several tasks.
                .config("spark.databricks.delta.optimizeWrite.binSize", "128")
                // cached batches with their nested columns compressed (ingest's parsed batch is mostly maps)
                .config("spark.sql.cache.serializer", CompressingCachedBatchSerializer.class.getName());
        for (Map.Entry<String, String> e : settings.conf().entrySet()) {
            builder.config(e.getKey(), e.getValue());
        }
        return builder.getOrCreate();
    }
}
