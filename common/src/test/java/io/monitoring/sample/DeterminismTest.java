package io.monitoring.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DeterminismTest {
    private static SampleSpec spec(Path root) {
        return SampleSpec.builder()
                .outputRoot(root.toUri().toString())
                .seed(11)
                .records(3_000)
                .days(3)
                .recordsPerFile(500)
                .badShare(0.03)
                .driftFeatures(List.of("amount", "channel"))
                .driftStart(Instant.parse("2026-02-02T12:00:00Z"))
                .qualityDropStart(Instant.parse("2026-02-03T00:00:00Z"))
                .build();
    }

    @Test
    void equalSpecsGiveIdenticalBytesAndLandingTimes(@TempDir Path a, @TempDir Path b) throws IOException {
        GenerationSummary first = new SampleLogGenerator(spec(a)).generate();
        GenerationSummary second = new SampleLogGenerator(spec(b)).generate();
        List<String> files = LandingReader.files(a);
        assertEquals(files, LandingReader.files(b));
        assertTrue(files.size() > 10, files.toString());
        for (String file : files) {
            assertArrayEquals(Files.readAllBytes(a.resolve(file)), Files.readAllBytes(b.resolve(file)), file);
            assertEquals(Files.getLastModifiedTime(a.resolve(file)), Files.getLastModifiedTime(b.resolve(file)), file);
        }
        assertEquals(first.models(), second.models());
        assertEquals(first.files(), second.files());
        assertEquals(first.badLines(), second.badLines());
    }

    @Test
    void anotherSeedGivesAnotherSample(@TempDir Path a, @TempDir Path b) throws IOException {
        new SampleLogGenerator(spec(a)).generate();
        new SampleLogGenerator(spec(b).withSeed(12)).generate();
        String part = "inferences/dt=2026-02-01/part-00000.jsonl.gz";
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.resolve(part)), Files.readAllBytes(b.resolve(part))));
    }

    @Test
    void plainAndGzippedOutputHoldTheSameLines(@TempDir Path gz, @TempDir Path plain) throws IOException {
        new SampleLogGenerator(spec(gz)).generate();
        new SampleLogGenerator(spec(plain).toBuilder().gzip(false).build()).generate();
        List<String> gzFiles = LandingReader.files(gz).stream().filter(f -> f.endsWith(".gz")).toList();
        assertEquals(gzFiles.stream().map(f -> f.substring(0, f.length() - 3)).toList(),
                LandingReader.files(plain).stream().filter(f -> f.endsWith(".jsonl")).toList());
        for (String f : gzFiles) {
            assertEquals(LandingReader.lines(gz.resolve(f)),
                    LandingReader.lines(plain.resolve(f.substring(0, f.length() - 3))), f);
        }
    }

    @Test
    void inferenceFilesLandWhenTheirLastRecordWasLogged(@TempDir Path root) throws IOException {
        GenerationSummary s = new SampleLogGenerator(spec(root).toBuilder().badShare(0).build()).generate();
        for (WrittenFile w : s.files()) {
            if (!w.kind().equals("inferences")) {
                continue;
            }
            Instant latest = Instant.EPOCH;
            for (String line : LandingReader.lines(root.resolve(w.path()))) {
                Object v = LandingReader.parse(line);
                Object ts = LandingReader.at(v, "prediction", "timestamp");
                if (ts == null) {
                    ts = LandingReader.at(v, "timestamp");
                }
                if (ts == null) {
                    List<Object> batch = LandingReader.list(v, "inferences");
                    ts = LandingReader.at(batch.get(batch.size() - 1), "timestamp");
                }
                Instant t = Instant.parse((String) ts).truncatedTo(ChronoUnit.MILLIS);
                latest = t.isAfter(latest) ? t : latest;
            }
            Instant modified = Files.getLastModifiedTime(root.resolve(w.path())).toInstant();
            // Guardian timestamps are written in whole seconds, so the last one may show up to 1 s early.
            assertFalse(modified.isBefore(latest), w.path());
            assertTrue(modified.isBefore(latest.plusSeconds(1)), w.path() + " " + modified + " " + latest);
        }
    }

    @Test
    void anExistingSampleIsOnlyReplacedWithOverwrite(@TempDir Path root) throws IOException {
        SampleSpec spec = spec(root).toBuilder().records(500).days(1).build();
        new SampleLogGenerator(spec).generate();
        byte[] summary = Files.readAllBytes(root.resolve("_generation.json"));
        assertThrows(IllegalStateException.class, () -> new SampleLogGenerator(spec).generate());
        Files.writeString(root.resolve("inferences/dt=2026-02-01/part-09999.jsonl.gz"), "stale");
        new SampleLogGenerator(spec.toBuilder().overwrite(true).build()).generate();
        assertFalse(Files.exists(root.resolve("inferences/dt=2026-02-01/part-09999.jsonl.gz")));
        assertArrayEquals(summary, Files.readAllBytes(root.resolve("_generation.json")));
        assertTrue(LandingReader.files(root).stream().noneMatch(f -> f.endsWith(".crc")), "no checksum side files");
    }
}
