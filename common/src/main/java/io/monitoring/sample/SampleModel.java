package io.monitoring.sample;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.util.List;

/**
 * One sample model: draws realistic inferences (features, serving context, prediction) and their ground
 * truth, and writes them in its landing format. Instances hold per-record scratch state, so each generating
 * thread uses its own.
 */
abstract class SampleModel {
    /** Classifiers agree with the actual this much less often after {@code qualityDropStart}. */
    static final double QUALITY_DROP_FACTOR = 0.7;

    final String id;
    final RecordFormat format;
    final ModelKind kind;
    final String modelVersion;
    final FeatureSet features;
    protected final FeatureRow row;
    protected final Serving serving = new Serving();
    private final DecimalWriter decimalWriter = new DecimalWriter();
    private final double medianLatencyMs;

    SampleModel(String id, RecordFormat format, ModelKind kind, String modelVersion, double medianLatencyMs,
                FeatureSet features) {
        this.id = id;
        this.format = format;
        this.kind = kind;
        this.modelVersion = modelVersion;
        this.medianLatencyMs = medianLatencyMs;
        this.features = features;
        this.row = new FeatureRow(features);
    }

    /** Most records {@link #emit} writes as one line (a batch envelope), 1 for single-record models. */
    int maxBatch() {
        return 1;
    }

    /** Names of the model's input features as they appear in its records. */
    List<String> featureNames() {
        return features.names();
    }

    /**
     * Writes {@code count} production records stamped {@code times[0..count)} (ascending) to the day's
     * inference partition, routes their delayed actuals and counts everything.
     */
    abstract void emit(StreamContext c, long[] times, int count) throws IOException;

    /** Writes one record broken by {@code fault} (for a malformed line); counts and routes nothing. */
    abstract void writeFaulty(JsonGenerator g, StreamContext c, long time, BadLineReason fault) throws IOException;

    /** Draws the features and the serving context of a record at {@code time}. */
    protected final void drawInputs(StreamContext c, long time, boolean drifted) {
        features.sample(c.rng, drifted, row);
        serving.draw(c.rng, c.conditions.rollout(time), medianLatencyMs);
    }

    /** Writes a generated (rounded) value with {@code decimals} places. */
    protected final void number(JsonGenerator g, double value, int decimals) throws IOException {
        decimalWriter.write(g, value, decimals);
    }

    static double round(double value, double scale) {
        return Math.round(value * scale) / scale;
    }

    static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }
}
