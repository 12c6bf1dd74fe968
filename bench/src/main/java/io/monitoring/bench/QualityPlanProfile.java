package io.monitoring.bench;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.quality.DateSets;
import io.monitoring.quality.QualityMetrics;
import io.monitoring.quality.QualityTables;
import io.monitoring.spark.CachedParts;
import io.monitoring.spark.SparkSessionFactory;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.QueryPlanningTracker;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import scala.collection.JavaConverters;

/**
 * A look inside the quality job's one big query on a bench run's tables, for profiling: the time to
 * cache the evaluation rows, to build the query (the shuffle stages of its detached aggregates run
 * there), to analyse, optimise and plan it (driver only, no data read), how large the plans are, and
 * then the time to execute it into a {@code noop} sink, as the job does. Uses the product's public {@code QualityMetrics} functions; the CBPE reference is the
 * job's (the days before the window per {@code quality.cbpe}).
 */
@Command(name = "quality-plan-profile", mixinStandardHelpOptions = true,
        description = "Planning vs execution time of the quality job's query on a bench run's tables.")
public final class QualityPlanProfile implements Callable<Integer> {
    @Option(names = "--tables", required = true, description = "A bench run's tables folder, e.g. bench/work/n100000/tables.")
    String tables;

    @Option(names = "--day", defaultValue = "2026-02-01", description = "(default: ${DEFAULT-VALUE})")
    LocalDate day;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Config override, repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new QualityPlanProfile()).execute(args));
    }

    @Override
    public Integer call() {
        MonitoringConfig config = BenchData.tablesConfig(tables, overrides);
        SparkSession spark = SparkSessionFactory.create("quality-plan-profile", config);
        try {
            Dataset<Row> labeled = spark.read().format("delta").load(config.paths().table(QualityTables.LABELED_INFERENCES));
            long offset = DateSets.ceilDays(config.quality().cbpe().referenceOffset());
            long length = DateSets.ceilDays(config.quality().cbpe().referenceLength());
            Dataset<Row> reference = labeled.where(DateSets.betweenPredicate("event_date", day.minusDays(offset + length), day.minusDays(offset)));
            QualityMetrics.Params params = QualityMetrics.Params.of(config);
            for (int round = 1; round <= 2; round++) {
                Dataset<Row> rows = QualityMetrics.evaluationRows(labeled.where(DateSets.inPredicate("event_date", java.util.List.of(day))), params)
                        .persist(StorageLevel.MEMORY_AND_DISK());
                long t0 = System.nanoTime();
                long evaluationRows = rows.count();
                double cacheSeconds = (System.nanoTime() - t0) / 1e9;
                // building the query runs the shuffle stages of every detached aggregate (Plans.detached
                // turns an adaptive plan into an RDD, and that plans, so runs, its shuffle stages)
                t0 = System.nanoTime();
                CachedParts parts = new CachedParts();
                Dataset<Row> out = QualityMetrics.fromRows(rows, reference, params, parts);
                double buildSeconds = (System.nanoTime() - t0) / 1e9;
                t0 = System.nanoTime();
                SparkPlan plan = out.queryExecution().executedPlan();
                double planSeconds = (System.nanoTime() - t0) / 1e9;
                QueryPlanningTracker tracker = out.queryExecution().tracker();
                Map<String, String> phases = new LinkedHashMap<>();
                JavaConverters.mapAsJavaMap(tracker.phases()).forEach((k, v) ->
                        phases.put(k, String.format(java.util.Locale.ROOT, "%.2f s", v.durationMs() / 1000.0)));
                // one line of the tree string per plan node
                int logicalNodes = out.queryExecution().optimizedPlan().treeString().split("\n").length;
                int physicalNodes = plan.treeString().split("\n").length;
                t0 = System.nanoTime();
                out.write().format("noop").mode(SaveMode.Overwrite).save();
                double executeSeconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("round %d: evaluation rows %,d cached in %.2f s; query built in %.2f s (detached aggregates' stages run there); plan (analysis+optimisation+physical) %.2f s %s;"
                                + " %d optimised logical nodes, %d physical nodes, plan text %,d chars; execute to noop %.2f s%n",
                        round, evaluationRows, cacheSeconds, buildSeconds, planSeconds, phases, logicalNodes, physicalNodes,
                        plan.toString().length(), executeSeconds);
                parts.close();
                rows.unpersist(true);
            }
            return 0;
        } finally {
            spark.stop();
        }
    }
}
