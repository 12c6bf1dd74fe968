package io.monitoring.stats;

import io.monitoring.model.Schemas;
import java.math.BigInteger;
import java.util.TreeSet;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The running aggregates of one {@code inference_stats} group within one partition: what the
 * aggregation's sums, counts, sketches and value sets hold for the prediction items seen so far.
 * An item that is the first of its class in its inference carries the inference (its count, its
 * error and its latency); every item carries its confidence and the inference's serving facts.
 */
final class StatsCell {
    static final int CONFIDENCE_SCALE = ((DecimalType) Schemas.CONFIDENCE_SUM_TYPE).scale();
    static final int LATENCY_SCALE = ((DecimalType) Schemas.LATENCY_SUM_TYPE).scale();

    long numInferences;
    long numErrors;
    long classCount;
    final ExactDecimalSum confidenceSum = new ExactDecimalSum(CONFIDENCE_SCALE);
    long confidenceCount;
    KllDoublesSketch confidenceSketch;
    final ExactDecimalSum latencySum = new ExactDecimalSum(LATENCY_SCALE);
    long latencyCount;
    KllDoublesSketch latencySketch;
    /** Values copied out of Spark's buffers; UTF8String orders by bytes, as Spark's sort_array does. */
    final TreeSet<UTF8String> deploymentTypes = new TreeSet<>();
    final TreeSet<UTF8String> serverVersions = new TreeSet<>();

    /** One prediction item of an inference; the item's confidence is null or finite. */
    void add(InferenceFacts inference, boolean first, Double confidence, BigInteger confidenceUnits) {
        classCount++;
        if (first) {
            numInferences++;
            if (inference.isError) {
                numErrors++;
            }
            if (inference.latency != null) {
                latencySum.add(inference.latencyUnits);
                latencyCount++;
                if (latencySketch == null) {
                    latencySketch = KllSketches.newSketch();
                }
                latencySketch.update(inference.latency);
            }
        }
        if (confidence != null) {
            confidenceSum.add(confidenceUnits);
            confidenceCount++;
            if (confidenceSketch == null) {
                confidenceSketch = KllSketches.newSketch();
            }
            confidenceSketch.update(confidence);
        }
        addCopy(deploymentTypes, inference.deploymentType);
        addCopy(serverVersions, inference.serverVersion);
    }

    private static void addCopy(TreeSet<UTF8String> set, UTF8String value) {
        if (value != null && !set.contains(value)) {
            set.add(value.clone());
        }
    }
}
