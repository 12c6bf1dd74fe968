package io.monitoring.jobs;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.io.PipelineRun;
import io.monitoring.sample.SampleLogGenerator;
import io.monitoring.sample.SampleSpec;
import io.monitoring.stats.TimeWindow;
import io.monitoring.testing.SharedSpark;
import io.monitoring.testing.TestConfigs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * One small landing (300 generated inferences over two days, all five sample models, a few bad
 * lines) and one uninterrupted ingest, join, stats and publish over it, computed once per test JVM
 * and shared by the tests that build the same tables another way (crashed and rerun, concurrent)
 * and compare. Other roots read the same landing folder, so even lineage columns match. It lives
 * in a temporary folder removed when the test JVM exits.
 */
final class ReferencePipeline {
    private static ReferencePipeline instance;

    final Path landing;
    final Instant asOf;
    final TimeWindow window;
    final MonitoringConfig config;
    /** The reference runs by job name. */
    final Map<String, PipelineRun> runs = new TreeMap<>();

    private ReferencePipeline(Path dir) throws IOException {
        SparkSession spark = SharedSpark.get();
        landing = dir.resolve("landing");
        SampleSpec spec = SampleSpec.builder().records(300).days(2).badShare(0.01).recordsPerFile(60)
                .outputRoot(landing.toString()).build();
        new SampleLogGenerator(spec, spark.sparkContext().hadoopConfiguration()).generate();
        asOf = spec.start().plusSeconds(86_400L * spec.days() + 3_600L * spec.maxActualDelayHours());
        window = new TimeWindow(spec.start(), spec.start().plusSeconds(86_400L * spec.days()));
        config = configUnder(dir.resolve("reference"));
        runs.put(IngestJob.NAME, IngestJob.execute(spark, config, asOf, "reference-ingest"));
        runs.put(JoinLabelsJob.NAME, JoinLabelsJob.execute(spark, config, window, "reference-join"));
        runs.put(StatsJob.NAME, StatsJob.execute(spark, config, window, "reference-stats"));
        runs.put(PublishJob.NAME, PublishJob.execute(spark, config, window, "reference-publish"));
    }

    static synchronized ReferencePipeline get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("reference-pipeline-").toAbsolutePath();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                instance = new ReferencePipeline(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder; the OS cleans up what is left
        }
    }

    /** A test config with every table under {@code root}, reading the reference's landing. */
    MonitoringConfig configUnder(Path root) {
        return TestConfigs.under(root, Map.of("paths.landing", landing.toString()));
    }
}
