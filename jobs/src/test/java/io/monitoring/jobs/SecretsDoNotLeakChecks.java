package io.monitoring.jobs;

import static io.monitoring.jobs.SandboxPipelineRun.*;
import static org.junit.jupiter.api.Assertions.*;

import io.monitoring.model.TableNames;
import io.monitoring.testing.SharedSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole local pipeline runs in its own JVM with fake credentials and the hash key in its
 * environment (and a fake secret as a spark.hadoop system property), over records whose personal
 * fields are configured to be dropped or hashed ({@link SandboxPipelineRun}). Afterwards no secret
 * and no personal value may be found anywhere: not in the raw bytes of any file the run left
 * (Delta logs, published JSON, Spark event log, Derby metastore, stdout, stderr with INFO logging
 * and spark.logConf), nor in any row of any parquet file (decompressed by reading it), stale files
 * and Delta checkpoints included. Control checks show the scans do see what is there.
 */
abstract class SecretsDoNotLeakChecks {
    private static final List<Charset> ENCODINGS = List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE);
    private static SandboxPipelineRun run;

    @BeforeAll
    static void runThePipeline() {
        run = SandboxPipelineRun.get();
        assertEquals(0, run.exitCode(), () -> "pipeline failed:\n" + tail(run.output()));
    }

    @Test
    void noFileOrLogHoldsASecretOrAPersonalValue() {
        // every file but the input: tables, documents, logs, metastore, Spark's and the JVM's scratch
        Path landing = run.runRoot().resolve("landing");
        List<Path> files = regularFiles(run.sandbox()).stream().filter(f -> !f.startsWith(landing)).toList();
        assertTrue(files.size() > 50, "the run left its tables, documents and logs: " + files.size());
        Map<String, List<String>> found = new TreeMap<>();
        for (Path file : files) {
            byte[] bytes = read(file);
            for (String needle : needles()) {
                for (Charset cs : ENCODINGS) {
                    if (indexOf(bytes, needle.getBytes(cs)) >= 0) {
                        found.computeIfAbsent(needle, k -> new ArrayList<>()).add(run.sandbox().relativize(file) + " (" + cs + ")");
                    }
                }
            }
        }
        assertEquals(Map.of(), found);
    }

    @Test
    void noParquetRowHoldsASecretOrAPersonalValue() {
        SparkSession spark = SharedSpark.get();
        Map<Path, List<String>> byFolder = new TreeMap<>();
        for (Path file : regularFiles(run.runRoot().resolve("warehouse"))) {
            if (file.getFileName().toString().endsWith(".parquet")) {
                byFolder.computeIfAbsent(tableOrLogFolder(file), k -> new ArrayList<>()).add(file.toUri().toString());
            }
        }
        assertTrue(byFolder.keySet().stream().anyMatch(p -> p.endsWith(TableNames.INFERENCES)), byFolder.keySet()::toString);
        StringBuilder allRows = new StringBuilder();
        for (Map.Entry<Path, List<String>> e : byFolder.entrySet()) {
            List<String> rows = spark.read().option("mergeSchema", "true").parquet(e.getValue().toArray(new String[0])).toJSON().collectAsList();
            rows.forEach(r -> allRows.append(r).append('\n'));
        }
        String text = allRows.toString();
        for (String needle : needles()) {
            assertFalse(text.contains(needle), () -> "found in parquet rows: " + needle);
        }
        // controls: the rows were read, hashed fields are there as keyed hashes, dropped ones are gone
        assertTrue(text.contains("support-intent") && text.contains("hmac:"), "the scan saw the inference rows");
        assertTrue(text.contains("\"user_name\":\"hmac:") && text.contains("\"customer_id\":\"hmac:"), "hashed fields kept as hmac");
        assertFalse(text.contains("\"email\""), "dropped field gone");
        assertTrue(text.contains("raw text withheld"), "a non-JSON line with personal values keeps no raw text");
        assertTrue(text.contains("[redacted]"), "a quarantined JSON line keeps its raw text with personal fields redacted");
    }

    @Test
    void sparkSawTheSecretAndRedactedItInItsOwnDumps() throws IOException {
        List<Path> eventLogs = regularFiles(run.runRoot().resolve("spark-events"));
        assertFalse(eventLogs.isEmpty(), "spark.eventLog.enabled wrote an event log");
        String events = Files.readString(eventLogs.get(0));
        assertTrue(events.contains("spark.hadoop.fs.s3a.secret.key") && events.contains("*********(redacted)"),
                "the event log lists the secret's key with its value redacted");
        assertTrue(run.output().contains("spark.hadoop.fs.s3a.secret.key=*********(redacted)"), "spark.logConf printed the redacted key");
    }

    private static List<String> needles() {
        List<String> all = new ArrayList<>(SECRETS);
        all.addAll(PERSONAL_VALUES);
        return all;
    }

    /** Table folder for data files, the _delta_log folder for checkpoints: one schema each. */
    private static Path tableOrLogFolder(Path file) {
        Path warehouse = run.runRoot().resolve("warehouse");
        Path table = warehouse.resolve(warehouse.relativize(file).getName(0));
        return file.getParent().getFileName().toString().equals("_delta_log") ? file.getParent() : table;
    }

    static List<Path> regularFiles(Path root) {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static String tail(String text) {
        return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
    }
}
