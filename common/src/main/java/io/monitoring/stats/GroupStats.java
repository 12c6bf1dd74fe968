package io.monitoring.stats;

import java.math.BigDecimal;
import java.util.List;

/**
 * The merged hourly aggregates of one (period, level, model, predicted class) over a document's
 * range and slice: what the document builder needs, small enough to collect. At model level
 * {@code predictedClass} is null. {@code medianConfidence} is set only for class-level groups of the
 * current period (the only median the document reports), null when the group has no confidence.
 */
public record GroupStats(
        Period period,
        String level,
        String modelId,
        String predictedClass,
        long numInferences,
        long numErrors,
        long classCount,
        BigDecimal confidenceSum,
        long confidenceCount,
        BigDecimal latencySumMs,
        long latencyCount,
        Double medianConfidence,
        List<String> deploymentTypes,
        List<String> serverVersions) {

    /** The document's two periods: its range, and the range of equal length before it ({@code prev_*}). */
    public enum Period { CURRENT, PREVIOUS }

    public GroupStats {
        confidenceSum = confidenceSum == null ? BigDecimal.ZERO : confidenceSum;
        latencySumMs = latencySumMs == null ? BigDecimal.ZERO : latencySumMs;
        deploymentTypes = deploymentTypes == null ? List.of() : List.copyOf(deploymentTypes);
        serverVersions = serverVersions == null ? List.of() : List.copyOf(serverVersions);
    }

    public boolean isModelLevel() {
        return InferenceStatsAggregation.LEVEL_MODEL.equals(level);
    }
}
