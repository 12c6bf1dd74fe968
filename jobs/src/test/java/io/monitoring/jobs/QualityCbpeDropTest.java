package io.monitoring.jobs;

import static io.monitoring.model.Columns.*;
import static io.monitoring.quality.QualityColumns.*;
import static org.junit.jupiter.api.Assertions.*;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.quality.QualityTables;
import io.monitoring.stats.TimeWindow;
import io.monitoring.testing.Landing;
import io.monitoring.testing.SharedSpark;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A calibrated binary classifier (Arize records, score = confidence in the predicted category)
 * whose quality drops at a known time because its inputs shift: from 2026-02-06 its confidence
 * falls from 0.85-0.99 to 0.55-0.80, and it is right as often as its confidence says. Actuals
 * arrive up to three days late.
 *
 * <p>Run 1 (as of 2026-02-09) sees every actual of the first five days but fewer than 10% of
 * the days after the drop: the CBPE estimate must already show the drop there. Run 2 (as of
 * 2026-02-12) has all actuals: the estimates of those days must be within the documented
 * tolerance of the realized values. Tolerance 0.1: with 150 inferences a day the realized
 * accuracy itself has a binomial standard deviation of about 0.04 around the true 0.675.
 */
class QualityCbpeDropTest {
    private static final double TOLERANCE = 0.10;
    private static final Instant START = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant DROP = Instant.parse("2026-02-06T00:00:00Z");
    private static final Instant FIRST_RUN = Instant.parse("2026-02-09T00:00:00Z");
    private static final Instant SECOND_RUN = Instant.parse("2026-02-12T00:00:00Z");
    private static final int PER_DAY = 150;
    private final SparkSession spark = SharedSpark.get();

    @TempDir
    Path root;

    private static String label(String category, double score) {
        return "{\"score_categorical\":{\"score_category\":{\"category\":\"" + category + "\",\"score\":" + score + "}}}";
    }

    @Test
    void estimateShowsTheDropBeforeTheLabelsAndMatchesThemAfter() {
        MonitoringConfig config = QualityTestConfigs.dayOnly(root, Map.of(
                "quality.cbpe.reference-offset", "2d",
                "quality.cbpe.reference-length", "3d",
                "quality.cbpe.calibration-bins", "10"));
        StringBuilder inferences = new StringBuilder();
        StringBuilder earlyActuals = new StringBuilder();
        StringBuilder lateActuals = new StringBuilder();
        SplittableRandom rnd = new SplittableRandom(20260201L);
        for (int day = 0; day < 8; day++) {
            for (int i = 0; i < PER_DAY; i++) {
                Instant t = START.plusSeconds(day * 86_400L + (long) (rnd.nextDouble() * 86_400));
                boolean dropped = !t.isBefore(DROP);
                double confidence = Math.round((dropped ? 0.55 + 0.25 * rnd.nextDouble() : 0.85 + 0.14 * rnd.nextDouble()) * 1e4) / 1e4;
                boolean predictedFraud = rnd.nextDouble() < 0.3;
                boolean right = rnd.nextDouble() < confidence;
                boolean actualFraud = right == predictedFraud;
                String id = "p" + day + "_" + i;
                inferences.append("{\"model_id\":\"fraud\",\"prediction_id\":\"").append(id).append("\",\"prediction\":{\"timestamp\":\"")
                        .append(t).append("\",\"model_version\":\"v1\",\"label\":").append(label(predictedFraud ? "fraud" : "legit", confidence))
                        .append("},\"environment_params\":{\"production\":{}}}\n");
                Instant arrives = t.plusSeconds((long) (rnd.nextDouble() * 3 * 86_400));
                if (dropped && rnd.nextDouble() >= 0.05) {  // after the drop most actuals wait past the first run
                    Instant late = FIRST_RUN.plusSeconds(3_600 + (long) (rnd.nextDouble() * 2 * 86_400));
                    arrives = arrives.isAfter(late) ? arrives : late;
                }
                boolean early = arrives.isBefore(FIRST_RUN);
                Instant actualTime = arrives;
                (early ? earlyActuals : lateActuals).append("{\"model_id\":\"fraud\",\"prediction_id\":\"").append(id)
                        .append("\",\"actual\":{\"timestamp\":\"").append(actualTime).append("\",\"label\":")
                        .append(label(actualFraud ? "fraud" : "legit", 1.0)).append("},\"environment_params\":{\"production\":{}}}\n");
            }
        }
        Path landing = root.resolve("landing");
        Landing.write(landing, "inferences/all.jsonl", inferences.toString(), FIRST_RUN.minusSeconds(60));
        Landing.write(landing, "actuals/early.jsonl", earlyActuals.toString(), FIRST_RUN.minusSeconds(60));
        TimeWindow all = new TimeWindow(START, FIRST_RUN);
        IngestJob.execute(spark, config, FIRST_RUN, "ingest-1");
        JoinLabelsJob.execute(spark, config, all, "join-1");
        QualityJob.execute(spark, config, all, "quality-1");
        Map<LocalDate, Row> first = days(config);

        Landing.write(landing, "actuals/late.jsonl", lateActuals.toString(), SECOND_RUN.minusSeconds(60));
        TimeWindow today = new TimeWindow(SECOND_RUN.minusSeconds(86_400), SECOND_RUN);
        IngestJob.execute(spark, config, SECOND_RUN, "ingest-2");
        JoinLabelsJob.execute(spark, config, today, "join-2");
        QualityJob.execute(spark, config, today, "quality-2");
        Map<LocalDate, Row> second = days(config);

        double before = mean(first, 3, 5, ESTIMATED_ACCURACY);
        for (int day = 5; day < 8; day++) {
            Row early = first.get(LocalDate.of(2026, 2, 1 + day));
            double coverage = early.getAs(LABEL_COVERAGE);
            assertTrue(coverage < 0.10, "day " + day + " coverage " + coverage);
            assertTrue(early.<Boolean>getAs(PROVISIONAL));
            double estimate = early.getAs(ESTIMATED_ACCURACY);
            assertTrue(estimate < before - 0.15, "estimate " + estimate + " shows the drop from " + before);

            Row late = second.get(LocalDate.of(2026, 2, 1 + day));
            assertEquals(1.0, (double) late.getAs(LABEL_COVERAGE), 1e-12);
            assertEquals((double) late.getAs(ACCURACY), estimate, TOLERANCE, "day " + day + " accuracy");
            assertEquals((double) late.getAs(MACRO_F1), (double) early.getAs(ESTIMATED_MACRO_F1), TOLERANCE, "day " + day + " macro F1");
            assertEquals((double) late.getAs(MACRO_PRECISION), (double) early.getAs(ESTIMATED_MACRO_PRECISION), TOLERANCE);
            assertEquals((double) late.getAs(MACRO_RECALL), (double) early.getAs(ESTIMATED_MACRO_RECALL), TOLERANCE);
        }
        for (int day = 3; day < 5; day++) {  // before the drop the estimate agrees with the labels too
            Row r = second.get(LocalDate.of(2026, 2, 1 + day));
            assertEquals((double) r.getAs(ACCURACY), (double) r.getAs(ESTIMATED_ACCURACY), TOLERANCE);
        }
        assertTrue(mean(second, 5, 8, ACCURACY) < mean(second, 3, 5, ACCURACY) - 0.15, "the realized accuracy dropped");
    }

    private Map<LocalDate, Row> days(MonitoringConfig config) {
        List<Row> rows = spark.read().format("delta").load(config.paths().table(QualityTables.MODEL_QUALITY))
                .where("model_id = 'fraud' AND granularity = 'day' AND slice_key IS NULL").collectAsList();
        Map<LocalDate, Row> out = new HashMap<>();
        for (Row r : rows) {
            Object date = r.getAs(WINDOW_DATE);
            out.put(date instanceof LocalDate d ? d : ((java.sql.Date) date).toLocalDate(), r);
        }
        return out;
    }

    private static double mean(Map<LocalDate, Row> days, int from, int to, String column) {
        double sum = 0;
        for (int day = from; day < to; day++) {
            sum += ((Number) days.get(LocalDate.of(2026, 2, 1 + day)).getAs(column)).doubleValue();
        }
        return sum / (to - from);
    }
}
