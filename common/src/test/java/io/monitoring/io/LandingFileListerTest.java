package io.monitoring.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing landing files, and the bytes of a batch that lie under one root (what ingest plans its writes from). */
class LandingFileListerTest {
    private static final List<String> SUFFIXES = List.of(".jsonl", ".jsonl.gz");
    private final Configuration conf = new Configuration();

    @TempDir
    Path landing;

    private void write(String relative, int bytes) throws IOException {
        Path file = landing.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[bytes]);
    }

    @Test
    void listsVisibleFilesWithTheConfiguredSuffixesSortedByPath() throws IOException {
        write("inferences/dt=2026-02-01/b.jsonl.gz", 30);
        write("inferences/dt=2026-02-01/a.jsonl", 10);
        write("inferences/dt=2026-02-01/_temporary/c.jsonl", 5);
        write("inferences/dt=2026-02-01/.d.jsonl", 5);
        write("inferences/dt=2026-02-01/notes.txt", 5);
        List<LandingFile> files = LandingFileLister.list(conf, landing.resolve("inferences").toString(), SUFFIXES);
        assertEquals(List.of("a.jsonl", "b.jsonl.gz"), files.stream().map(f -> f.path().substring(f.path().lastIndexOf('/') + 1)).toList());
        assertEquals(List.of(10L, 30L), files.stream().map(LandingFile::length).toList());
        assertEquals(List.of(), LandingFileLister.list(conf, landing.resolve("missing").toString(), SUFFIXES));
    }

    @Test
    void bytesUnderCountsOnlyTheFilesBelowThatRoot() throws IOException {
        write("inferences/dt=2026-02-01/a.jsonl.gz", 100);
        write("inferences/dt=2026-02-02/b.jsonl.gz", 20);
        write("inferences-old/c.jsonl.gz", 7);
        write("actuals/d.jsonl.gz", 3);
        List<LandingFile> batch = new ArrayList<>();
        for (String root : List.of("inferences", "inferences-old", "actuals")) {
            batch.addAll(LandingFileLister.list(conf, landing.resolve(root).toString(), SUFFIXES));
        }
        assertEquals(120L, LandingFileLister.bytesUnder(conf, landing.resolve("inferences").toString(), batch),
                "a sibling folder sharing the name's start is not under it");
        assertEquals(120L, LandingFileLister.bytesUnder(conf, landing.resolve("inferences") + "/", batch));
        assertEquals(3L, LandingFileLister.bytesUnder(conf, landing.resolve("actuals").toString(), batch));
        assertEquals(0L, LandingFileLister.bytesUnder(conf, landing.resolve("elsewhere").toString(), batch));
    }
}
