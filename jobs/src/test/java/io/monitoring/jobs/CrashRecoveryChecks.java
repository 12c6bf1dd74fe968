package io.monitoring.jobs;

import static io.monitoring.model.Columns.*;
import static org.junit.jupiter.api.Assertions.*;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import io.monitoring.config.MonitoringConfig;
import io.monitoring.io.PipelineRun;
import io.monitoring.model.TableNames;
import io.monitoring.quality.QualityTables;
import io.monitoring.stats.TimeWindow;
import io.monitoring.testing.JobProcess;
import io.monitoring.testing.DeltaTableRows;
import io.monitoring.testing.Milestones;
import io.monitoring.testing.PublishedJsonReader;
import io.monitoring.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs killed with SIGKILL mid-run, in a JVM of their own, and then run again leave exactly the
 * tables and documents of an uninterrupted run. Each job is killed at a point read from the files
 * it writes (never after a guessed sleep):
 * <ul>
 *   <li>ingest, twice: after writing the inferences' parquet files but before their Delta commit,
 *       then (second attempt) right after that commit, before actuals and quarantine are written;
 *   <li>join labels: after labeled_inferences is committed, before orphan_actuals and its
 *       pipeline_runs row (so the incremental state it would record is lost);
 *   <li>stats: after writing inference_stats' parquet files, before the commit;
 *   <li>publish: after some documents are in place, before the manifest, while a reader thread
 *       parses every published *.json the whole time.
 * </ul>
 * The reruns run in this JVM (a rerun is an ordinary run). The reference is {@link ReferencePipeline}'s
 * uninterrupted run; both roots read one landing folder, so
 * lineage columns (source_file, landed_at) are equal too: every column of every table is compared.
 * Only pipeline_runs legitimately differs (run ids, clock times, and per-run increments such as
 * inferences_inserted or the table versions a join read); there the counts that must reconcile are
 * compared instead. The stages depend on one another and run in order over the same roots.
 * Run by {@link ReferencePipelineTest}, in the JVM that also races two ingests against the same reference.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class CrashRecoveryChecks {
    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(4);
    private static final List<String> STATS_KEY = List.of(WINDOW_START, WORKSPACE, MODEL_ID, MODEL_VERSION, LEVEL,
            PREDICTED_CLASS, SLICE_KEY, SLICE_VALUE);

    private final SparkSession spark = SharedSpark.get();

    @TempDir
    static Path dir;

    private MonitoringConfig reference;
    private MonitoringConfig crashed;
    private Path childConf;
    private Instant asOf;
    private TimeWindow window;
    private Map<String, PipelineRun> referenceRuns;

    @BeforeAll
    void referenceRun() throws IOException {
        ReferencePipeline ref = ReferencePipeline.get();
        reference = ref.config;
        referenceRuns = ref.runs;
        asOf = ref.asOf;
        window = ref.window;
        crashed = ref.configUnder(dir.resolve("crashed"));
        childConf = writeChildConfig(dir.resolve("crashed"), ref.landing);
    }

    @Test
    @Order(1)
    void ingestKilledBeforeAndAfterItsFirstCommitThenRerun() {
        Path inferences = table(crashed, TableNames.INFERENCES);
        try (JobProcess first = child("ingest-1", IngestJob.class, "--as-of", asOf.toString())) {
            first.killWhen("inferences written, not committed", Milestones.writtenNotCommitted(inferences, 1), CHILD_TIMEOUT);
        }
        assertFalse(Files.exists(Milestones.commitFile(inferences, 1)),
                "the first ingest died after writing its inference files and before committing them");
        try (JobProcess second = child("ingest-2", IngestJob.class, "--as-of", asOf.toString())) {
            second.killWhen("inferences committed", Milestones.committed(inferences, 1), CHILD_TIMEOUT);
        }
        assertFalse(Files.exists(Milestones.commitFile(table(crashed, TableNames.ACTUALS), 1)),
                "the second ingest died between the inferences commit and the actuals commit");
        assertEquals(List.of(), runs(crashed), "a killed run leaves no pipeline_runs row, not even a failed one");

        PipelineRun rerun = IngestJob.execute(spark, crashed, asOf, "ingest-rerun");

        assertSameTable(TableNames.INFERENCES, List.of(MODEL_ID, INFERENCE_ID));
        assertSameTable(TableNames.ACTUALS, List.of(ACTUAL_ID));
        assertSameTable(TableNames.QUARANTINE, List.of(QUARANTINE_ID));
        PipelineRun ref = referenceRuns.get(IngestJob.NAME);
        assertEquals(List.of(ref.recordsRead(), ref.recordsWritten(), ref.recordsQuarantined()),
                List.of(rerun.recordsRead(), rerun.recordsWritten(), rerun.recordsQuarantined()),
                "the rerun reads, accepts and rejects exactly what an uninterrupted run does");
        assertEquals(rerun.recordsRead(), rerun.recordsWritten() + rerun.recordsQuarantined());
        assertEquals(0L, rerun.metrics().get("inferences_inserted"), "the killed second run had committed every inference");
        assertEquals(ref.metrics().get("actuals_inserted"), rerun.metrics().get("actuals_inserted"));
    }

    @Test
    @Order(2)
    void joinKilledAfterItsLabelsCommitThenRerun() {
        try (JobProcess join = child("join", JoinLabelsJob.class, windowArgs())) {
            join.killWhen("labeled_inferences committed",
                    Milestones.committed(table(crashed, QualityTables.LABELED_INFERENCES), 1), CHILD_TIMEOUT);
        }
        assertFalse(Files.exists(Milestones.commitFile(table(crashed, QualityTables.ORPHAN_ACTUALS), 1)),
                "the join died before rewriting orphan_actuals");
        assertEquals(List.of("ingest"), runs(crashed), "and before recording the versions it read");

        PipelineRun rerun = JoinLabelsJob.execute(spark, crashed, window, "join-rerun");

        assertSameTable(QualityTables.LABELED_INFERENCES, List.of(MODEL_ID, INFERENCE_ID));
        // the sample has no orphans, so this table is empty in both; the metric checks below say so too
        DeltaTableRows.assertSameRows(spark, reference.paths().table(QualityTables.ORPHAN_ACTUALS),
                crashed.paths().table(QualityTables.ORPHAN_ACTUALS), List.of(ACTUAL_ID), List.of(), QualityTables.ORPHAN_ACTUALS);
        PipelineRun ref = referenceRuns.get(JoinLabelsJob.NAME);
        assertEquals(ref.recordsWritten(), rerun.recordsWritten());
        for (String metric : List.of("full_recompute", "labeled_inferences", "orphan_actuals", "orphan_inference_ids")) {
            assertEquals(ref.metrics().get(metric), rerun.metrics().get(metric), metric);
        }
    }

    @Test
    @Order(3)
    void statsKilledBetweenWritingAndCommittingThenRerun() {
        Path stats = table(crashed, TableNames.INFERENCE_STATS);
        try (JobProcess job = child("stats", StatsJob.class, windowArgs())) {
            job.killWhen("inference_stats written, not committed", Milestones.writtenNotCommitted(stats, 1), CHILD_TIMEOUT);
        }
        assertFalse(Files.exists(Milestones.commitFile(stats, 1)), "stats died before its commit");

        PipelineRun rerun = StatsJob.execute(spark, crashed, window, "stats-rerun");

        assertSameTable(TableNames.INFERENCE_STATS, STATS_KEY);
        PipelineRun ref = referenceRuns.get(StatsJob.NAME);
        assertEquals(List.of(ref.recordsRead(), ref.recordsWritten()), List.of(rerun.recordsRead(), rerun.recordsWritten()));
    }

    @Test
    @Order(4)
    void publishKilledMidwayNeverShowsAPartialDocumentAndRerunWritesTheSameBytes() throws IOException {
        Path published = Path.of(crashed.paths().publish());
        PipelineRun rerun;
        try (PublishedJsonReader reader = PublishedJsonReader.start(published)) {
            try (JobProcess job = child("publish", PublishJob.class, windowArgs())) {
                job.killWhen("10 documents published", Milestones.filesAtLeast(published, ".json", 10), CHILD_TIMEOUT);
            }
            assertEquals(0, Milestones.count(published, PublishJob.MANIFEST, false), "publish died before its manifests");
            rerun = PublishJob.execute(spark, crashed, window, "publish-rerun");
            reader.close();
            assertEquals(List.of(), reader.invalidDocuments(), "a reader never sees a partial or missing document");
            assertTrue(reader.documentsRead() > 0, "the reader read documents while publish ran");
        }

        Path expectedRoot = Path.of(reference.paths().publish());
        List<Path> expected = jsonFiles(expectedRoot);
        assertEquals(expected, jsonFiles(published), "the same documents");
        for (Path relative : expected) {
            assertArrayEquals(Files.readAllBytes(expectedRoot.resolve(relative)), Files.readAllBytes(published.resolve(relative)),
                    relative + ": the same bytes");
        }
        try (Stream<Path> files = Files.walk(published)) {
            // what a killed publish may leave besides documents: its hidden temporary file, never a *.json
            List<String> others = files.filter(Files::isRegularFile).map(p -> published.relativize(p))
                    .filter(p -> !expected.contains(p)).map(p -> p.getFileName().toString()).toList();
            for (String name : others) {
                assertTrue(name.startsWith(".") && !name.endsWith(".json"), "unexpected file " + name);
            }
            System.out.println("publish: temporary files left by the killed run: " + others);
        }
        assertEquals(referenceRuns.get(PublishJob.NAME).recordsWritten(), rerun.recordsWritten());
        assertEquals(List.of("ingest", "join-labels", "publish", "stats"), runs(crashed),
                "one succeeded row per completed run, nothing from the killed ones");
    }

    private JobProcess child(String name, Class<?> main, String... jobArgs) {
        List<String> args = new ArrayList<>(List.of("--config", childConf.toString()));
        args.addAll(List.of(jobArgs));
        return JobProcess.start(dir.resolve("child-logs"), name, main, args);
    }

    private String[] windowArgs() {
        return new String[] {"--start", window.start().toString(), "--end", window.end().toString()};
    }

    private void assertSameTable(String name, List<String> key) {
        String path = crashed.paths().table(name);
        assertTrue(spark.read().format("delta").load(reference.paths().table(name)).count() > 0, name + ": nothing to compare");
        DeltaTableRows.assertUniqueKeys(spark, path, key, name);
        DeltaTableRows.assertSameRows(spark, reference.paths().table(name), path, key, List.of(), name);
    }

    /** Jobs of the succeeded runs in pipeline_runs, sorted; fails on any failed row. */
    private List<String> runs(MonitoringConfig config) {
        Path table = table(config, TableNames.PIPELINE_RUNS);
        if (!Files.exists(Milestones.commitFile(table, 0))) {
            return List.of();
        }
        List<String> jobs = new ArrayList<>();
        for (Row r : spark.read().format("delta").load(table.toString()).orderBy(JOB).collectAsList()) {
            assertEquals("succeeded", r.getAs(STATUS), "run " + r.getAs(RUN_ID));
            jobs.add(r.getAs(JOB));
        }
        return jobs;
    }

    private static Path table(MonitoringConfig config, String name) {
        return Path.of(config.paths().table(name));
    }

    private static List<Path> jsonFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).map(root::relativize).sorted().toList();
        }
    }

    /** The child's environment file: the crashed root and shared landing, no metastore, two cores. */
    private static Path writeChildConfig(Path root, Path landing) throws IOException {
        Map<String, Object> settings = Map.of("monitoring", Map.of(
                "paths", Map.of("root", root.toString(), "landing", landing.toString()),
                "catalog", Map.of("metastore", "none"),
                "spark", Map.of("master", "local[2]", "shuffle-partitions", 2, "conf", Map.of(
                        "spark.databricks.delta.snapshotPartitions", "2",
                        "spark.sql.sources.parallelPartitionDiscovery.parallelism", "2"))));
        Path file = root.resolve("crash-child.conf");
        Files.createDirectories(root);
        Files.writeString(file, ConfigValueFactory.fromMap(settings).render(ConfigRenderOptions.concise().setFormatted(true)));
        return file;
    }
}
