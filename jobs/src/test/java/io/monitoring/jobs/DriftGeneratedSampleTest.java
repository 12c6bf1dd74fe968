package io.monitoring.jobs;

import static io.monitoring.drift.DriftColumns.*;
import static org.junit.jupiter.api.Assertions.*;

import io.monitoring.config.MonitoringConfig;
import io.monitoring.drift.DriftSchemas;
import io.monitoring.sample.SampleLogGenerator;
import io.monitoring.sample.SampleSpec;
import io.monitoring.stats.TimeWindow;
import io.monitoring.testing.SharedSpark;
import io.monitoring.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo data: generated logs of five models with two fraud-detector features drifting from a
 * known time, through ingest and drift at default thresholds. Nothing is flagged before that
 * time; after it the drifted features are (the model's outputs may follow their inputs), and no
 * other feature is flagged in any window, slice or baseline.
 */
class DriftGeneratedSampleTest {
    private static final Instant START = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant DRIFT_START = Instant.parse("2026-02-03T00:00:00Z");
    private static final List<String> DRIFT_FEATURES = List.of("merchant_risk_score", "merchant_category");
    private static final Set<String> OUTPUTS = Set.of(PREDICTION, PREDICTION_SCORE, ACTUAL);
    private final SparkSession spark = SharedSpark.get();

    @TempDir
    Path root;

    @Test
    void driftedFeaturesAreFlaggedFromTheirStartAndNoOtherFeatureIs() throws Exception {
        MonitoringConfig config = TestConfigs.under(root);
        SampleSpec spec = SampleSpec.builder()
                .outputRoot(root.resolve("landing").toUri().toString())
                .records(12_000)
                .start(START)
                .days(4)
                .gzip(false)
                .driftFeatures(DRIFT_FEATURES)
                .driftStart(DRIFT_START)
                .build();
        new SampleLogGenerator(spec, spark.sparkContext().hadoopConfiguration()).generate();
        IngestJob.execute(spark, config, spec.end().plusSeconds(3 * 86_400), "ingest-sample");

        DriftJob.execute(spark, config, new TimeWindow(START.plusSeconds(86_400), spec.end()), "drift-sample");
        List<Row> metrics = spark.read().format("delta").load(config.paths().table(DriftSchemas.DRIFT_METRICS_TABLE)).collectAsList();
        assertFalse(metrics.isEmpty());

        Set<String> flaggedFeatures = new TreeSet<>();
        List<String> before = new java.util.ArrayList<>();
        List<String> others = new java.util.ArrayList<>();
        for (Row r : metrics) {
            if (!Boolean.TRUE.equals(r.getAs(DRIFTED))) {
                continue;
            }
            Instant window = r.getAs(WINDOW_START);
            String what = r.getAs(MODEL_ID) + "/" + r.getAs(COLUMN_NAME) + " " + r.getAs(SLICE_KEY) + "=" + r.getAs(SLICE_VALUE)
                    + " vs " + r.getAs(BASELINE) + " in " + window + " " + r.getAs(DRIFT_REASONS) + " p_adj=" + r.getAs(P_VALUE_ADJUSTED)
                    + " n=" + r.getAs(SAMPLE_SIZE) + "/" + r.getAs(BASELINE_SAMPLE_SIZE);
            if (window.isBefore(DRIFT_START)) {
                before.add(what);
            }
            if (!DRIFT_FEATURES.contains((String) r.getAs(COLUMN_NAME)) && !OUTPUTS.contains((String) r.getAs(COLUMN_NAME))) {
                others.add(what);
            }
            if (r.getAs(SLICE_KEY) == null) {
                flaggedFeatures.add(r.getAs(COLUMN_NAME) + " " + r.getAs(BASELINE) + " " + window);
            }
        }
        System.out.println("flagged before the drift: " + before);
        System.out.println("flagged without drift: " + others);
        assertEquals(List.of(), before, "nothing is flagged before the drift starts");
        assertEquals(List.of(), others, "no feature without drift is flagged at default thresholds");
        for (String feature : DRIFT_FEATURES) {
            for (Instant day : List.of(DRIFT_START, DRIFT_START.plusSeconds(86_400))) {
                assertTrue(flaggedFeatures.contains(feature + " " + BASELINE_REFERENCE + " " + day), feature + " on " + day + ": " + flaggedFeatures);
            }
            assertTrue(flaggedFeatures.contains(feature + " " + BASELINE_PREVIOUS + " " + DRIFT_START), feature + ": " + flaggedFeatures);
        }
        System.out.println("flagged (whole model): " + flaggedFeatures + "; rows " + metrics.size() + "; by status "
                + metrics.stream().collect(java.util.stream.Collectors.groupingBy(r -> (String) r.getAs(STATUS),
                        java.util.stream.Collectors.counting())));
    }
}
