package io.monitoring.config;

import com.typesafe.config.Config;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * The {@code quality} block: how actuals join their inferences and how model quality is computed.
 *
 * @param labelWindow         largest |actual_time - event_time| for an actual to label its inference
 * @param environments        environments whose inferences are scored
 * @param granularities       window granularities of model_quality rows ("hour", "day")
 * @param rankingK            cut-offs of the ranking metrics
 * @param provisionalCoverage rows with label coverage below this are flagged provisional
 * @param cbpe                confidence-based performance estimation settings
 */
public record QualitySettings(
        Duration labelWindow,
        List<String> environments,
        List<String> granularities,
        List<Integer> rankingK,
        double provisionalCoverage,
        Cbpe cbpe) implements Serializable {

    public static final List<String> KNOWN_GRANULARITIES = List.of("hour", "day");

    public QualitySettings {
        environments = List.copyOf(environments);
        granularities = List.copyOf(granularities);
        rankingK = List.copyOf(rankingK);
        if (labelWindow.isNegative() || labelWindow.isZero()) {
            throw new IllegalArgumentException("quality.label-window must be positive, got " + labelWindow);
        }
        for (String g : granularities) {
            if (!KNOWN_GRANULARITIES.contains(g)) {
                throw new IllegalArgumentException("quality.granularities: unknown granularity '" + g + "', expected one of " + KNOWN_GRANULARITIES);
            }
        }
        for (int k : rankingK) {
            if (k <= 0) {
                throw new IllegalArgumentException("quality.ranking-k values must be positive, got " + k);
            }
        }
        if (!(provisionalCoverage >= 0 && provisionalCoverage <= 1)) {
            throw new IllegalArgumentException("quality.provisional-coverage must be in [0, 1], got " + provisionalCoverage);
        }
    }

    /** CBPE: calibration of the scores on a labelled reference period before each day. */
    public record Cbpe(
            boolean enabled,
            Duration referenceLength,
            Duration referenceOffset,
            long minReferenceLabels,
            int calibrationBins,
            long minBinCount) implements Serializable {
        public Cbpe {
            if (calibrationBins < 1) {
                throw new IllegalArgumentException("quality.cbpe.calibration-bins must be >= 1, got " + calibrationBins);
            }
            if (referenceLength.isNegative() || referenceLength.isZero() || referenceOffset.isNegative()) {
                throw new IllegalArgumentException("quality.cbpe.reference-length must be positive and reference-offset not negative");
            }
        }
    }

    static QualitySettings from(Config q) {
        Config cbpe = q.getConfig("cbpe");
        return new QualitySettings(
                q.getDuration("label-window"),
                q.getStringList("environments"),
                q.getStringList("granularities"),
                q.getIntList("ranking-k"),
                q.getDouble("provisional-coverage"),
                new Cbpe(
                        cbpe.getBoolean("enabled"),
                        cbpe.getDuration("reference-length"),
                        cbpe.getDuration("reference-offset"),
                        cbpe.getLong("min-reference-labels"),
                        cbpe.getInt("calibration-bins"),
                        cbpe.getLong("min-bin-count")));
    }
}
