package io.monitoring.jobs;

import static io.monitoring.drift.DriftColumns.*;
import static org.junit.jupiter.api.Assertions.*;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.drift.DriftSchemas;
import io.monitoring.model.TableNames;
import io.monitoring.stats.TimeWindow;
import io.monitoring.testing.SharedSpark;
import io.monitoring.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift injected into chosen features from a known time: at default thresholds those features
 * (and only those) are flagged against the reference in every window after that time and in none
 * before, and against the previous window only in the window where the shift begins.
 */
class DriftInjectedShiftTest {
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant DRIFT_START = Instant.parse("2026-03-03T00:00:00Z");
    private static final int DAYS = 4;
    private static final int PER_DAY = 1000;
    private static final Set<String> DRIFTED_FEATURES = Set.of("f1", "c2");
    private final SparkSession spark = SharedSpark.get();

    @TempDir
    Path root;

    @Test
    void onlyTheShiftedFeaturesAreFlaggedAndOnlyAfterTheShift() {
        MonitoringConfig config = TestConfigs.under(root, Map.of("segments.keys.0", "region"));
        Random random = new Random(20260301L);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            rows.add(record(random, "ref" + i, "training", START.minusSeconds(40L * 86_400 - i)));
        }
        for (int d = 0; d < DAYS; d++) {
            for (int i = 0; i < PER_DAY; i++) {
                Instant t = START.plusSeconds(d * 86_400L + i * 80L);
                rows.add(record(random, "p" + d + "-" + i, "production", t));
            }
        }
        DriftFixtures.writeInferences(spark, config.paths().table(TableNames.INFERENCES), rows);

        // day 1 only serves as the previous window of day 2
        TimeWindow range = new TimeWindow(START.plusSeconds(86_400), START.plusSeconds(DAYS * 86_400L));
        DriftJob.execute(spark, config, range, "drift-injected");
        List<Row> metrics = spark.read().format("delta").load(config.paths().table(DriftSchemas.DRIFT_METRICS_TABLE)).collectAsList();

        Map<String, Set<String>> flagged = new LinkedHashMap<>();
        for (Row r : metrics) {
            if (Boolean.TRUE.equals(r.getAs(DRIFTED))) {
                flagged.computeIfAbsent(r.getAs(WINDOW_START).toString() + " " + r.getAs(BASELINE), k -> new TreeSet<>())
                        .add((String) r.getAs(COLUMN_NAME));
            }
            assertNotEquals(STATUS_NO_BASELINE, r.getAs(STATUS), r.toString());
        }
        String day2 = START.plusSeconds(86_400).toString();
        String day3 = DRIFT_START.toString();
        String day4 = DRIFT_START.plusSeconds(86_400).toString();
        assertEquals(Map.of(
                day3 + " " + BASELINE_REFERENCE, DRIFTED_FEATURES,
                day4 + " " + BASELINE_REFERENCE, DRIFTED_FEATURES,
                day3 + " " + BASELINE_PREVIOUS, DRIFTED_FEATURES), flagged,
                "nothing before " + day3 + ", nothing else ever, and day 4 is like day 3");

        // the whole model and every region slice of a shifted feature are flagged after the shift
        long f1Rows = metrics.stream().filter(r -> "f1".equals(r.getAs(COLUMN_NAME)) && r.getAs(WINDOW_START).toString().equals(day4)
                && BASELINE_REFERENCE.equals(r.getAs(BASELINE))).count();
        long f1Flagged = metrics.stream().filter(r -> "f1".equals(r.getAs(COLUMN_NAME)) && r.getAs(WINDOW_START).toString().equals(day4)
                && BASELINE_REFERENCE.equals(r.getAs(BASELINE)) && Boolean.TRUE.equals(r.getAs(DRIFTED))).count();
        assertEquals(3, f1Rows, "whole model, region=eu, region=us");
        assertEquals(3, f1Flagged);
        assertEquals(0, metrics.stream().filter(r -> r.getAs(WINDOW_START).toString().equals(day2)
                && Boolean.TRUE.equals(r.getAs(DRIFTED))).count());
    }

    /** Six numeric, three categorical features and an embedding; f1 and c2 shift from DRIFT_START on. */
    private static Row record(Random random, String id, String environment, Instant time) {
        boolean shifted = !time.isBefore(DRIFT_START) && "production".equals(environment);
        Map<String, Double> numeric = new LinkedHashMap<>();
        for (int f = 0; f < 6; f++) {
            double scale = Math.pow(10, f - 2);
            numeric.put("f" + f, scale * (random.nextGaussian() + (shifted && f == 1 ? 1.0 : 0.0)));
        }
        Map<String, String> categorical = new LinkedHashMap<>();
        for (int c = 0; c < 3; c++) {
            double u = random.nextDouble();
            double[] shares = shifted && c == 2 ? new double[] {0.2, 0.3, 0.5} : new double[] {0.5, 0.3, 0.2};
            categorical.put("c" + c, u < shares[0] ? "a" : u < shares[0] + shares[1] ? "b" : "c");
        }
        List<Double> embedding = List.of(random.nextGaussian(), random.nextGaussian(), random.nextGaussian(), random.nextGaussian());
        double f0 = numeric.get("f0") * 100;
        return DriftFixtures.inference("demo", id, environment, time, numeric, categorical, Map.of("e", embedding),
                Map.of("region", random.nextBoolean() ? "eu" : "us"), f0 > 0 ? "yes" : "no", 1 / (1 + Math.exp(-f0)));
    }
}
