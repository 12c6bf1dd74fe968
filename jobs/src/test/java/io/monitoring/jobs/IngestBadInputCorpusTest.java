package io.monitoring.jobs;

import static io.monitoring.model.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.*;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.io.LandingFile;
import io.monitoring.io.PipelineRun;
import io.monitoring.model.TableNames;
import io.monitoring.testing.Landing;
import io.monitoring.testing.SharedSpark;
import io.monitoring.testing.TestConfigs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus through one ingest run: each line case sits between good lines, each file
 * case is a file of its own (a 50 MiB line among them, written to the temp folder only), and one
 * listed file is deleted before the run reads it. Every malformed record must get exactly its
 * own quarantine row with the corpus's reason, every good record must land, and the run's counts
 * must reconcile exactly.
 */
class IngestBadInputCorpusTest {
    private static final String LINES_FILE = "lines.jsonl";
    private final SparkSession spark = SharedSpark.get();

    @TempDir
    Path root;

    @Test
    void everyMalformationIsQuarantinedWithItsReasonAndTheCountsReconcile() throws IOException {
        BadInputCorpus corpus = BadInputCorpus.load();
        MonitoringConfig config = TestConfigs.under(root, corpus.config());
        Path folder = Path.of(config.paths().landingInferences()).resolve("corpus");

        Map<String, String> expected = new TreeMap<>();
        Map<Long, String> caseAtLine = new TreeMap<>();
        long good = writeLines(corpus, folder, expected, caseAtLine);
        Map<String, Path> made = new TreeMap<>();
        for (BadInputCorpus.FileCase c : corpus.files()) {
            made.put(c.id(), CorpusFiles.make(corpus, c, folder, corpus.landedAt()));
            expected.put(c.name(), c.id() + ": " + c.reason());
        }

        List<LandingFile> listed = IngestJob.listLanding(spark.sparkContext().hadoopConfiguration(), config);
        for (BadInputCorpus.FileCase c : corpus.files()) {
            if (c.make().equals("vanishes")) {
                Files.delete(made.get(c.id()));
            }
        }
        PipelineRun run = IngestJob.execute(spark, config, corpus.asOf(), "corpus", listed);

        List<Row> rows = spark.read().format("delta").load(config.paths().table(TableNames.QUARANTINE)).collectAsList();
        assertEquals(expected, actualReasons(rows, caseAtLine, corpus), "quarantine rows by line (and batch index) or file");
        for (Row q : rows) {
            assertNotNull(q.getAs(DETAIL));
            if (name(q.getAs(SOURCE_FILE)).equals(LINES_FILE)) {
                assertNotNull(q.getAs(RAW_TEXT), "a rejected line keeps its raw text");
                assertTrue(((String) q.getAs(RAW_TEXT)).length() <= config.ingest().maxRawChars());
            }
        }
        Row huge = rows.stream().filter(q -> name(q.getAs(SOURCE_FILE)).equals("huge-line.jsonl")).findFirst().orElseThrow();
        assertEquals(50L * 1024 * 1024, (Long) huge.getAs(RAW_BYTES), "the whole line was counted");
        assertTrue((Boolean) huge.getAs(RAW_TRUNCATED));

        List<Row> inferences = spark.read().format("delta").load(config.paths().table(TableNames.INFERENCES))
                .select(SOURCE_FILE, SOURCE_LINE, INFERENCE_ID).collectAsList();
        long truncatedPrefix = assertPrefixLanded(inferences, corpus);
        assertEquals(0, landedFrom(inferences, "corrupted.jsonl.gz").size(), "nothing of a corrupt gzip lands");
        Map<Long, Long> landedByLine = new TreeMap<>();
        landedFrom(inferences, LINES_FILE).forEach(r -> landedByLine.merge(r.getLong(1), 1L, Long::sum));
        for (Map.Entry<Long, String> e : caseAtLine.entrySet()) {
            assertEquals(acceptedRecords(corpus, e.getValue()), landedByLine.getOrDefault(e.getKey(), 0L), "records of case " + e.getValue() + " that land");
        }

        long written = good + truncatedPrefix;
        assertEquals("succeeded", run.status());
        assertEquals(expected.size(), run.recordsQuarantined());
        assertEquals(written, run.recordsWritten(), "written = every good record");
        assertEquals(run.recordsRead(), run.recordsWritten() + run.recordsQuarantined());
        assertEquals(written, inferences.size());
        assertEquals(expected.size(), rows.size());
        Row logged = spark.read().format("delta").load(config.paths().table(TableNames.PIPELINE_RUNS))
                .where(col(RUN_ID).equalTo("corpus")).first();
        assertEquals(List.of(run.recordsRead(), written, (long) expected.size()),
                List.of(logged.<Long>getAs(RECORDS_READ), logged.<Long>getAs(RECORDS_WRITTEN), logged.<Long>getAs(RECORDS_QUARANTINED)));
    }

    /**
     * lines.jsonl: a good line (Guardian and Arize in turn), then a case, ..., then a good line.
     * Fills the expected reasons by line and the case at each line; returns the good records.
     */
    private static long writeLines(BadInputCorpus corpus, Path folder, Map<String, String> expected, Map<Long, String> caseAtLine) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<BadInputCorpus.LineCase> all = new ArrayList<>(corpus.lines());
        all.addAll(corpus.accepted());
        long line = 0;
        long good = 0;
        for (BadInputCorpus.LineCase c : all) {
            out.writeBytes(goodLine(corpus, line++).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            good++;
            out.writeBytes(c.bytes());
            out.write('\n');
            line++;
            caseAtLine.put(line, c.id());
            for (BadInputCorpus.Rejection r : c.rejections()) {
                expected.put(key(LINES_FILE, line, r.recordIndex()), c.id() + ": " + r.reason());
            }
            good += c.acceptedRecords();
        }
        out.writeBytes(goodLine(corpus, line).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Landing.writeBytes(folder, LINES_FILE, out.toByteArray(), corpus.landedAt());
        return good + 1;
    }

    private static String goodLine(BadInputCorpus corpus, long n) {
        return (n % 4 == 0 ? corpus.guardian(String.valueOf(n)) : corpus.arize(String.valueOf(n))) + "\n";
    }

    /** Quarantine rows keyed like the expectations: line (and index) in lines.jsonl, else the file. */
    private static Map<String, String> actualReasons(List<Row> rows, Map<Long, String> caseAtLine, BadInputCorpus corpus) {
        Map<String, String> actual = new TreeMap<>();
        for (Row q : rows) {
            String file = name(q.getAs(SOURCE_FILE));
            String reason = q.getAs(REASON);
            String key;
            String id;
            if (file.equals(LINES_FILE)) {
                Long line = q.getAs(SOURCE_LINE);
                key = key(file, line, q.getAs(RECORD_INDEX));
                id = caseAtLine.getOrDefault(line, "a good line");
            } else {
                key = file;
                id = corpus.files().stream().filter(f -> f.name().equals(file)).map(BadInputCorpus.FileCase::id).findFirst().orElse("?");
            }
            String previous = actual.put(key, id + ": " + reason);
            assertNull(previous, "two quarantine rows for " + key);
        }
        return actual;
    }

    /** The truncated gzip's records before the cut land, in order, and none after it. */
    private static long assertPrefixLanded(List<Row> inferences, BadInputCorpus corpus) {
        BadInputCorpus.FileCase truncated = corpus.files().stream().filter(f -> f.lands().equals("prefix")).findFirst().orElseThrow();
        List<Row> landed = new ArrayList<>(landedFrom(inferences, truncated.name()));
        landed.sort(java.util.Comparator.comparingLong(r -> r.getLong(1)));
        assertTrue(landed.size() > 0 && landed.size() < truncated.goodLines(), "a part lands: " + landed.size());
        for (int i = 0; i < landed.size(); i++) {
            assertEquals("good-g-" + truncated.id() + "-" + i, landed.get(i).getString(2));
            assertEquals(i + 1L, landed.get(i).getLong(1));
        }
        return landed.size();
    }

    /** Rows (source_file, source_line, inference_id) of one landing file. */
    private static List<Row> landedFrom(List<Row> inferences, String fileName) {
        return inferences.stream().filter(r -> name(r.getString(0)).equals(fileName)).toList();
    }

    private static int acceptedRecords(BadInputCorpus corpus, String caseId) {
        return java.util.stream.Stream.concat(corpus.lines().stream(), corpus.accepted().stream())
                .filter(c -> c.id().equals(caseId)).findFirst().orElseThrow().acceptedRecords();
    }

    private static String key(String file, long line, Integer index) {
        return String.format("%s:%04d%s", file, line, index == null ? "" : "#" + index);
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
