package io.monitoring.jobs.cli;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.io.DeltaTableWriter;
import io.monitoring.model.TableNames;
import io.monitoring.spark.SparkSessionFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Opens a new session on the configured catalog and lists {@code SHOW TABLES IN <database>}; exits 1
 * when a warehouse table that exists is not registered (what an analyst's new session would miss).
 */
@Command(name = "show-tables", mixinStandardHelpOptions = true, description = "List the catalog's tables in a new session.")
public final class ShowTables implements Callable<Integer> {
    @Mixin
    ConfigOptions configOptions;

    public static void main(String[] args) {
        JobLauncher.exit(new ShowTables(), args);
    }

    @Override
    public Integer call() {
        MonitoringConfig config = configOptions.load();
        SparkSession spark = SparkSessionFactory.create("monitoring-show-tables", config);
        try {
            List<String> listed = new ArrayList<>();
            for (Row r : spark.sql("SHOW TABLES IN `" + config.catalog().database() + "`").collectAsList()) {
                listed.add(r.getString(r.fieldIndex("tableName")));
            }
            System.out.println(config.catalog().database() + ": " + listed);
            List<String> missing = new ArrayList<>();
            for (String table : TableNames.ALL) {
                if (DeltaTableWriter.exists(spark, config.paths().table(table)) && !listed.contains(table)) {
                    missing.add(table);
                }
            }
            if (!missing.isEmpty()) {
                System.err.println("not registered: " + missing);
                return 1;
            }
            return 0;
        } finally {
            spark.stop();
        }
    }
}
