package io.monitoring.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One sample generated per test JVM and read back once, shared by the test classes: drift, a quality drop,
 * bad lines and several parts per partition, small enough to stay fast.
 */
final class SampleFixture {
    static final Instant DRIFT_START = Instant.parse("2026-02-02T00:00:00Z");
    static final Instant QUALITY_DROP = Instant.parse("2026-02-03T00:00:00Z");
    static final List<String> DRIFTED = List.of("merchant_risk_score", "merchant_category", "query_embedding");

    private static SampleFixture instance;

    final Path root;
    final SampleSpec spec;
    final GenerationSummary summary;
    /** Every inference-file line as (file, raw text, parsed value or null, bad-line reason or null). */
    final List<Line> inferenceLines = new ArrayList<>();
    final List<Line> actualLines = new ArrayList<>();

    record Line(String file, String text, Object value, BadLineReason bad) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map() {
            return (Map<String, Object>) value;
        }
    }

    static synchronized SampleFixture get() {
        if (instance == null) {
            try {
                instance = new SampleFixture();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    private SampleFixture() throws IOException {
        root = Files.createTempDirectory("sample-fixture");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(root)));
        spec = SampleSpec.builder()
                .outputRoot(root.toUri().toString())
                .seed(7)
                .records(12_000)
                .days(4)
                .recordsPerFile(2_000)
                .maxActualDelayHours(48)
                .badShare(0.02)
                .driftFeatures(DRIFTED)
                .driftStart(DRIFT_START)
                .qualityDropStart(QUALITY_DROP)
                .build();
        summary = new SampleLogGenerator(spec).generate();
        LineClassifier classifier = new LineClassifier(spec.start());
        for (String file : LandingReader.files(root)) {
            if (file.startsWith("inferences/")) {
                for (String text : LandingReader.lines(root.resolve(file))) {
                    inferenceLines.add(new Line(file, text, LandingReader.tryParse(text), classifier.classify(text)));
                }
            } else if (file.startsWith("actuals/")) {
                for (String text : LandingReader.lines(root.resolve(file))) {
                    actualLines.add(new Line(file, text, LandingReader.tryParse(text), null));
                }
            }
        }
    }

    /** Good inference lines only. */
    Stream<Line> good() {
        return inferenceLines.stream().filter(l -> l.bad() == null);
    }

    static void deleteRecursively(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort in a temp folder
        }
    }
}
