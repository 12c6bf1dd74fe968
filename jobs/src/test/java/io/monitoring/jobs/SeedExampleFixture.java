package io.monitoring.jobs;

import static io.monitoring.testing.Inferences.inference;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.stats.TimeWindow;
import io.monitoring.testing.Inferences;
import io.monitoring.testing.SharedSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;

/**
 * Inferences whose stats document for [2024-05-02, 2024-05-03) has exactly the counts of the
 * seed-002 example response (the previous period is 2024-05-01). Confidences and latencies follow
 * simple formulas; the golden file holds what they average to.
 */
final class SeedExampleFixture {
    private static MonitoringConfig config;

    static final Instant PREV_DAY = Instant.parse("2024-05-01T00:00:00Z");
    static final Instant DAY = Instant.parse("2024-05-02T00:00:00Z");
    static final Instant NEXT_DAY = Instant.parse("2024-05-03T00:00:00Z");

    private SeedExampleFixture() {}

    /**
     * A warehouse (in a temporary folder of this test JVM) whose inference_stats hold these rows'
     * stats for both days, computed once by the real StatsJob and shared by the test classes.
     */
    static synchronized MonitoringConfig statsComputed() {
        if (config == null) {
            try {
                Path root = Files.createTempDirectory("seed-stats");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(root)));
                config = StatsTestSupport.config(root);
                StatsTestSupport.ingestAndComputeStats(SharedSpark.get(), config, rows(), new TimeWindow(PREV_DAY, NEXT_DAY));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return config;
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        // current day: cards-3z9gn, 107 inferences; 105 with two Playingcards boxes, 1 with one box (211
        // predictions over 106 inferences) and 1 detection without boxes and without latency (class "")
        for (int i = 0; i < 106; i++) {
            Inferences.Builder b = hosted(inference("cards-3z9gn", "c" + i, at(DAY, i)), i % 3 == 0 ? "0.16.0" : "0.15.3")
                    .latency(150.0 + i);
            if (i == 0) {
                b.detection("Playingcards", conf(i));
            } else {
                b.detection("Playingcards", conf(i), "Playingcards", conf(i + 1));
            }
            rows.add(b.build());
        }
        rows.add(hosted(inference("cards-3z9gn", "c-empty", at(DAY, 5)), "0.16.0").detection().build());
        // coco: 11 inferences with two car boxes each
        for (int i = 0; i < 11; i++) {
            rows.add(hosted(inference("coco", "k" + i, at(DAY, 7 * i)), "0.15.3")
                    .detection("car", conf(i), "car", conf(i + 3)).latency(60.0 + i).build());
        }
        // license-plate-recognition-rxg4e: 2 inferences with one box each
        for (int i = 0; i < 2; i++) {
            rows.add(hosted(inference("license-plate-recognition-rxg4e", "l" + i, at(DAY, 11 * i)), "0.15.3")
                    .detection("License_Plate", conf(i + 4)).latency(79.0 + i).build());
        }
        // previous day: cards-3z9gn 190 inferences with one box; hard-hat 100 with a head and a helmet box
        for (int i = 0; i < 190; i++) {
            rows.add(hosted(inference("cards-3z9gn", "p" + i, at(PREV_DAY, i)), "0.15.3")
                    .detection("Playingcards", conf(i + 2)).latency(50.0 + (i % 10)).build());
        }
        for (int i = 0; i < 100; i++) {
            rows.add(hosted(inference("hard-hat-sample-8j2w3", "h" + i, at(PREV_DAY, 3 * i)), "0.15.1")
                    .detection("head", conf(i + 5) - 0.2, "helmet", conf(i + 6) - 0.15).latency(20.0 + (i % 4)).build());
        }
        // never counted: not production, or outside both periods
        rows.add(hosted(inference("cards-3z9gn", "train", at(DAY, 1)), "0.16.0").environment("training")
                .detection("Playingcards", 0.5).build());
        rows.add(hosted(inference("cards-3z9gn", "later", at(NEXT_DAY, 0)), "0.16.0").detection("Playingcards", 0.5).build());
        rows.add(hosted(inference("coco", "earlier", at(PREV_DAY.minusSeconds(86_400), 0)), "0.15.3").detection("car", 0.5).build());
        return rows;
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a leftover temporary folder is harmless
        }
    }

    /** Confidences 0.85 .. 0.99 in steps of 0.01. */
    static double conf(int i) {
        return 0.85 + (i % 15) / 100.0;
    }

    /** The i-th inference of a day: spread over its hours, 13 minutes apart. */
    static Instant at(Instant day, int i) {
        return day.plusSeconds((i * 13L * 60) % 86_400);
    }

    private static Inferences.Builder hosted(Inferences.Builder b, String serverVersion) {
        return b.tag("deployment_type", "hosted").tag("inference_server_version", serverVersion);
    }
}
