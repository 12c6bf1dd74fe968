package io.monitoring.jobs;

import static io.monitoring.model.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.io.LandingFile;
import io.monitoring.io.PipelineRun;
import io.monitoring.io.RunRecorder;
import io.monitoring.jobs.cli.ConfigOptions;
import io.monitoring.jobs.cli.Instants;
import io.monitoring.jobs.cli.JobLauncher;
import io.monitoring.model.TableNames;
import io.monitoring.sample.GenerationSummary;
import io.monitoring.sample.SampleLogGenerator;
import io.monitoring.sample.SampleSpec;
import io.monitoring.spark.SparkSessionFactory;
import io.monitoring.stats.TimeWindow;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The local pipeline: (sample logs when the landing is empty) -> ingest -> join labels -> stats,
 * quality, drift -> publish -> catalog, in
 * one JVM and one SparkSession, then prints where every result is. The same job classes run on a
 * cluster one by one through spark-submit (see README) or the Airflow DAGs.
 */
@Command(name = "run-local", mixinStandardHelpOptions = true,
        description = "Run ingest, join, stats, quality, drift and publish locally; generates sample logs when the landing holds none.")
public final class PipelineRunner implements Callable<Integer> {
    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--as-of", paramLabel = "INSTANT",
            description = "The ingest run's 'now' (default: when the newest landing file landed).")
    String asOf;

    @Option(names = "--start", paramLabel = "INSTANT", description = "Stats/publish window start (default: first day with data).")
    String start;

    @Option(names = "--end", paramLabel = "INSTANT", description = "Stats/publish window end, exclusive (default: the day after the last day with data).")
    String end;

    @Option(names = "--sample-records", defaultValue = "20000",
            description = "Inferences to generate when the landing is empty (default: ${DEFAULT-VALUE}).")
    long sampleRecords;

    @Option(names = "--sample-bad-share", defaultValue = "0.002",
            description = "Share of malformed lines in generated sample logs, to show the quarantine (default: ${DEFAULT-VALUE}).")
    double sampleBadShare;

    @Option(names = "--no-sample", description = "Never generate sample logs; fail when the landing is empty.")
    boolean noSample;

    public static void main(String[] args) {
        JobLauncher.exit(new PipelineRunner(), args);
    }

    @Override
    public Integer call() {
        MonitoringConfig config = configOptions.load();
        PrintStream out = System.out;
        SparkSession spark = SparkSessionFactory.create("monitoring-local-pipeline", config);
        try {
            Configuration hadoop = spark.sparkContext().hadoopConfiguration();
            List<LandingFile> landing = IngestJob.listLanding(hadoop, config);
            if (landing.isEmpty()) {
                if (noSample || configOptions.landingGiven()) {
                    throw new IllegalArgumentException("no landing files (*.jsonl, *.jsonl.gz, ...) under "
                            + config.paths().landingInferences() + " or " + config.paths().landingActuals());
                }
                GenerationSummary summary = generateSample(config, hadoop);
                out.printf("generated %d sample inferences (%d bad lines) under %s%n", summary.totalInferences(),
                        summary.totalBadLines(), config.paths().landing());
                landing = IngestJob.listLanding(hadoop, config);
            }
            Instant ingestAsOf = asOf != null ? Instants.parse(asOf) : newestLanding(landing);
            List<PipelineRun> runs = new ArrayList<>();
            runs.add(IngestJob.execute(spark, config, ingestAsOf, RunRecorder.newRunId(IngestJob.NAME)));

            TimeWindow window = window(spark, config);
            if (window == null) {
                out.println("no production inferences were accepted: nothing to compute stats for");
            } else {
                runs.add(JoinLabelsJob.execute(spark, config, window, RunRecorder.newRunId(JoinLabelsJob.NAME)));
                runs.add(StatsJob.execute(spark, config, window, RunRecorder.newRunId(StatsJob.NAME)));
                runs.add(QualityJob.execute(spark, config, window, RunRecorder.newRunId(QualityJob.NAME)));
                runs.add(DriftJob.execute(spark, config, window, RunRecorder.newRunId(DriftJob.NAME)));
                runs.add(PublishJob.execute(spark, config, window, RunRecorder.newRunId(PublishJob.NAME)));
            }
            if (config.catalog().hive()) {
                runs.add(RegisterTablesJob.execute(spark, config, RunRecorder.newRunId(RegisterTablesJob.NAME)));
            }
            new RunReport(spark, config, out).print(runs, window);
            return 0;
        } finally {
            spark.stop();
        }
    }

    private GenerationSummary generateSample(MonitoringConfig config, Configuration hadoop) {
        SampleSpec spec = SampleSpec.builder().records(sampleRecords).badShare(sampleBadShare).outputRoot(config.paths().landing()).overwrite(true).build();
        try {
            return new SampleLogGenerator(spec, hadoop).generate();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sample logs under " + config.paths().landing(), e);
        }
    }

    /** Landing files carry their landing time; the newest is the latest moment the data can know. */
    private static Instant newestLanding(List<LandingFile> files) {
        long newest = 0;
        for (LandingFile f : files) {
            newest = Math.max(newest, f.modificationTimeMillis());
        }
        return Instant.ofEpochMilli(newest);
    }

    private TimeWindow window(SparkSession spark, MonitoringConfig config) {
        if (start != null || end != null) {
            if (start == null || end == null) {
                throw new IllegalArgumentException("give both --start and --end, or neither");
            }
            return new TimeWindow(Instants.parse(start), Instants.parse(end));
        }
        Row range = spark.read().format("delta").load(config.paths().table(TableNames.INFERENCES))
                .where(col(ENVIRONMENT).equalTo("production"))
                .agg(min(EVENT_DATE), max(EVENT_DATE)).first();
        if (range.isNullAt(0)) {
            return null;
        }
        LocalDate first = range.getAs(0);
        LocalDate last = range.getAs(1);
        return new TimeWindow(first.atStartOfDay(ZoneOffset.UTC).toInstant(),
                last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
