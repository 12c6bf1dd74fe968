package io.monitoring.bench;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.io.PipelineRun;
import io.monitoring.io.RunRecorder;
import io.monitoring.jobs.DriftJob;
import io.monitoring.jobs.QualityJob;
import io.monitoring.jobs.StatsJob;
import io.monitoring.spark.SparkSessionFactory;
import io.monitoring.stats.TimeWindow;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The daily jobs (stats, quality, drift) again and again on a finished bench run's tables, in one
 * warm JVM, for A/B runs of Spark settings: each round runs them once with the session as built
 * and once with the {@code --ab} settings set on top, alternating which goes first, and prints each
 * job's wall and process CPU time. The tables are rewritten by each run as a daily rerun would.
 */
@Command(name = "daily-loop", mixinStandardHelpOptions = true,
        description = "Stats, quality and drift in alternating A/B rounds on a bench run's tables.")
public final class DailyLoop implements Callable<Integer> {
    @Option(names = "--tables", required = true, description = "A bench run's tables folder, e.g. bench/work/n1000000/tables.")
    String tables;

    @Option(names = "--day", defaultValue = "2026-02-01", description = "(default: ${DEFAULT-VALUE})")
    LocalDate day;

    @Option(names = "--rounds", defaultValue = "2", description = "(default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Config override for every run, repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--landing", description = "The bench run's landing folder: the floor (JSON to Delta) and the day's bare scan are timed too, each round.")
    Path landing;

    @Option(names = "--ab", paramLabel = "SPARK_KEY=VALUE", description = "Spark SQL settings of the B runs, repeatable; none: A only.")
    Map<String, String> bSettings = new LinkedHashMap<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new DailyLoop()).execute(args));
    }

    private record Job(String name, BiFunction<SparkSession, String, PipelineRun> run) {}

    @Override
    public Integer call() {
        MonitoringConfig config = BenchData.tablesConfig(tables, overrides);
        TimeWindow window = new TimeWindow(day.atStartOfDay(ZoneOffset.UTC).toInstant(),
                day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        List<Job> jobs = List.of(
                new Job(StatsJob.NAME, (s, id) -> StatsJob.execute(s, config, window, id)),
                new Job(QualityJob.NAME, (s, id) -> QualityJob.execute(s, config, window, id)),
                new Job(DriftJob.NAME, (s, id) -> DriftJob.execute(s, config, window, id)));
        SparkSession spark = SparkSessionFactory.create("daily-loop", config);
        Map<String, String> aSettings = new LinkedHashMap<>();
        bSettings.keySet().forEach(k -> aSettings.put(k, spark.conf().getOption(k).getOrElse(() -> null)));
        try {
            for (int round = 1; round <= rounds; round++) {
                boolean bFirst = round % 2 == 0;
                for (int i = 0; i < (bSettings.isEmpty() ? 1 : 2); i++) {
                    boolean b = bFirst == (i == 0) && !bSettings.isEmpty();
                    apply(spark, b ? bSettings : aSettings);
                    double wall = 0;
                    double cpu = 0;
                    StringBuilder line = new StringBuilder();
                    for (Job job : jobs) {
                        System.gc();
                        long c0 = Stopwatch.processCpuNanos();
                        long t0 = System.nanoTime();
                        PipelineRun run = job.run().apply(spark, RunRecorder.newRunId(job.name()));
                        double w = (System.nanoTime() - t0) / 1e9;
                        double c = (Stopwatch.processCpuNanos() - c0) / 1e9;
                        if (!"succeeded".equals(run.status())) {
                            throw new IllegalStateException(job.name() + " " + run.status() + ": " + run.message());
                        }
                        wall += w;
                        cpu += c;
                        line.append(String.format(Locale.ROOT, " %s %.2f s (cpu %.1f)", job.name(), w, c));
                    }
                    if (landing != null) {
                        line.append(floor(spark));
                    }
                    System.out.printf(Locale.ROOT, "[daily-loop] round %d %s: daily %.2f s (cpu %.1f):%s%n",
                            round, b ? "B" : "A", wall, cpu, line);
                }
            }
            return 0;
        } finally {
            spark.stop();
        }
    }

    /** The floor's ingest of the whole landing and its bare scan of the day's files, as the bench times them. */
    private String floor(SparkSession spark) {
        FloorBaseline floor = new FloorBaseline(spark);
        Path out = Path.of(tables).toAbsolutePath().getParent().resolve("floor-loop");
        BenchData.deleteTree(out);
        System.gc();
        long t0 = System.nanoTime();
        floor.ingest(BenchData.files(landing.resolve("inferences")), BenchData.files(landing.resolve("actuals")), out);
        double ingest = (System.nanoTime() - t0) / 1e9;
        System.gc();
        t0 = System.nanoTime();
        floor.scan(BenchData.dayFiles(landing, day));
        double scan = (System.nanoTime() - t0) / 1e9;
        return String.format(Locale.ROOT, " | floor %.2f s, day scan %.2f s", ingest, scan);
    }

    private static void apply(SparkSession spark, Map<String, String> settings) {
        settings.forEach((k, v) -> {
            if (v == null) {
                spark.conf().unset(k);
            } else {
                spark.conf().set(k, v);
            }
        });
    }
}
