package io.monitoring.io;

import io.monitoring.spark.SqlLiterals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Registers Delta tables by name in the session catalog as external tables over their paths, so
 * analysts write {@code SELECT ... FROM monitoring.inference_stats}. Idempotent: a table already
 * registered at the same location is left alone; one registered elsewhere is re-pointed.
 */
public final class TableCatalog {
    private TableCatalog() {}

    /** Registers each table whose Delta log exists; returns the names registered or confirmed. */
    public static List<String> register(SparkSession spark, String database, Map<String, String> pathsByName) {
        requireIdentifier(database);
        spark.sql("CREATE DATABASE IF NOT EXISTS `" + database + "`");
        List<String> registered = new ArrayList<>();
        for (Map.Entry<String, String> e : pathsByName.entrySet()) {
            String name = e.getKey();
            String path = e.getValue();
            requireIdentifier(name);
            if (!DeltaTableWriter.exists(spark, path)) {
                continue;
            }
            String qualified = "`" + database + "`.`" + name + "`";
            String location = qualifiedLocation(spark, path);
            if (spark.catalog().tableExists(database, name) && !location.equals(currentLocation(spark, qualified))) {
                spark.sql("DROP TABLE " + qualified);
            }
            spark.sql("CREATE TABLE IF NOT EXISTS " + qualified + " USING DELTA LOCATION " + SqlLiterals.string(location));
            registered.add(name);
        }
        return registered;
    }

    private static String currentLocation(SparkSession spark, String qualified) {
        for (Row r : spark.sql("DESCRIBE DETAIL " + qualified).select("location").collectAsList()) {
            return r.getString(0);
        }
        return "";
    }

    private static String qualifiedLocation(SparkSession spark, String path) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
            return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(p).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void requireIdentifier(String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain SQL identifier: '" + name + "'");
        }
    }
}
