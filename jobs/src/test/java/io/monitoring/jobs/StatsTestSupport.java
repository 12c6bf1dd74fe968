package io.monitoring.jobs;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.model.TableNames;
import io.monitoring.stats.TimeWindow;
import io.monitoring.testing.Inferences;
import io.monitoring.testing.TestConfigs;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** A config rooted in a test folder, and inferences turned into inference_stats by the real StatsJob. */
final class StatsTestSupport {
    private StatsTestSupport() {}

    static MonitoringConfig config(Path root, String... overrides) {
        Map<String, String> all = new LinkedHashMap<>();
        for (String o : overrides) {
            int eq = o.indexOf('=');
            all.put(o.substring(0, eq), o.substring(eq + 1));
        }
        return TestConfigs.under(root, all);
    }

    /** Writes the rows to the inferences table, then runs StatsJob over the window. */
    static void ingestAndComputeStats(SparkSession spark, MonitoringConfig config, List<Row> rows, TimeWindow window) {
        Inferences.write(spark, config.paths().table(TableNames.INFERENCES), rows);
        StatsJob.execute(spark, config, window, "test-stats");
    }
}
