package io.monitoring.jobs;

import static io.monitoring.jobs.SandboxPipelineRun.*;
import static io.monitoring.model.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.*;

import io.monitoring.model.TableNames;
import io.monitoring.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Model ids logged as {@code ../../x}, {@code a/b/x}, {@code /tmp/x}, {@code ..%2F..%2Fx}, with a
 * NUL or backslashes, {@code ..}, or decoded from a {@code monitor_id=..%2F..%2Fx} landing folder,
 * and workspaces configured with names just as hostile, through the whole pipeline
 * ({@link SandboxPipelineRun}): ingest, labels, stats, quality, drift, publish and the catalog.
 * Afterwards every file the run wrote is under its roots, no hostile name became a path anywhere,
 * nothing appeared beside the sandbox, and the hostile workspaces are reported, not published.
 */
abstract class PublishPathEscapeChecks {
    /** What a local run may write under its root: landing (the input), the tables, the documents, Spark's and Hive's own files. */
    private static final Set<String> RUN_ROOT_ENTRIES = Set.of("landing", "warehouse", "published", "metastore_db", "derby.log",
            "spark-warehouse", "spark-local", "spark-events", "hive-scratch");
    /** Beside the run root: the test's config, the captured output, and the child JVM's java.io.tmpdir. */
    private static final Set<String> SANDBOX_ENTRIES = Set.of("run", "conf", "logs", "tmp");
    private static SandboxPipelineRun run;

    @BeforeAll
    static void runThePipeline() {
        run = SandboxPipelineRun.get();
        assertEquals(0, run.exitCode(), () -> "pipeline failed:\n" + SecretsDoNotLeakChecks.tail(run.output()));
    }

    @Test
    void everyFileIsUnderItsRootAndNoHostileNameIsAPath() throws IOException {
        List<String> outside = new ArrayList<>();
        List<String> named = new ArrayList<>();
        Set<String> workspaces = new TreeSet<>();
        try (Stream<Path> all = Files.walk(run.sandbox())) {
            for (Path p : all.filter(p -> !p.equals(run.sandbox())).toList()) {
                Path rel = run.sandbox().relativize(p);
                String top = rel.getName(0).toString();
                boolean underRun = top.equals("run") && rel.getNameCount() > 1;
                String entry = underRun ? rel.getName(1).toString() : top;
                if (underRun ? !RUN_ROOT_ENTRIES.contains(entry) : !SANDBOX_ENTRIES.contains(top)) {
                    outside.add(rel.toString());
                }
                if (!(underRun && entry.equals("landing")) && rel.toString().contains(MARKER)) {
                    named.add(rel.toString());
                }
                if (underRun && entry.equals("published") && rel.getNameCount() > 2) {
                    workspaces.add(rel.getName(2).toString());
                }
            }
        }
        assertEquals(List.of(), outside, "written outside the run root's known folders");
        assertEquals(List.of(), named, "a hostile model id or workspace became part of a path");
        assertEquals(Set.of("default", SAFE_WORKSPACE), workspaces, "only plain workspace names are published");
        try (Stream<Path> scratch = Files.list(run.sandbox().resolve("tmp"))) {
            assertEquals(List.of(), scratch.map(p -> p.getFileName().toString()).toList(), "nothing left in the JVM's temp folder");
        }
    }

    @Test
    void nothingAppearedBesideTheSandboxOrAtTheAbsoluteTargets() throws IOException {
        try (Stream<Path> besides = Files.list(run.sandbox().getParent())) {
            assertEquals(List.of(), besides.map(p -> p.getFileName().toString()).filter(n -> n.contains(MARKER)).toList());
        }
        for (String absolute : List.of("/tmp/" + MARKER + "-absolute-ws", "/tmp/" + MARKER + "-absolute-model", "/" + MARKER + "-dotdot-ws")) {
            assertFalse(Files.exists(Path.of(absolute)), absolute);
        }
    }

    @Test
    void hostileWorkspacesAreReportedAndHostileModelsStayData() throws IOException {
        Row publish = SharedSpark.get().read().format("delta").load(run.runRoot().resolve("warehouse").resolve(TableNames.PIPELINE_RUNS).toString())
                .where(col(JOB).equalTo(PublishJob.NAME)).first();
        assertEquals("succeeded", publish.getAs(STATUS));
        Map<String, Long> metrics = publish.getJavaMap(publish.fieldIndex(METRICS));
        assertEquals(new TreeSet<>(HOSTILE_WORKSPACE_OF_MODEL.values()).size(), metrics.get("workspaces_rejected"));
        assertTrue(((String) publish.getAs(MESSAGE)).contains("workspaces with unsafe names not published"));

        Path daily = run.runRoot().resolve("published/default/inference-stats/daily/2026-02-09.json");
        String doc = Files.readString(daily);
        assertTrue(doc.contains(quoted(UNMAPPED_HOSTILE_MODEL).replace("/", "\\/")) || doc.contains(quoted(UNMAPPED_HOSTILE_MODEL)),
                "an unmapped hostile model is published as a name inside its workspace's document");
        assertTrue(Files.readString(run.runRoot().resolve("published/" + SAFE_WORKSPACE + "/inference-stats/daily/2026-02-09.json")).contains("fraud"));

        List<Row> models = SharedSpark.get().read().format("delta").load(run.runRoot().resolve("warehouse").resolve(TableNames.INFERENCES).toString())
                .select(MODEL_ID).distinct().collectAsList();
        Set<String> ids = new TreeSet<>();
        models.forEach(r -> ids.add(r.getString(0)));
        assertTrue(ids.containsAll(HOSTILE_WORKSPACE_OF_MODEL.keySet()), "hostile ids are kept as logged: " + ids);
        assertTrue(ids.contains(FOLDER_MODEL), "the landing folder's model id is decoded, and stays data");
    }
}
