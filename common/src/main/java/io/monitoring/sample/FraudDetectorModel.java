package io.monitoring.sample;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

import static io.monitoring.sample.LandingJson.*;

/**
 * {@code fraud-detector}: a binary classifier logging Arize records with a {@code score_categorical} label
 * ({@code fraud} / {@code legit}, score = confidence in that category). Calibrated: a prediction is right
 * with probability equal to its score (times {@link #QUALITY_DROP_FACTOR} after the quality drop). About
 * 10% of production records carry the actual inline; 20% of the model's records
 * are a training baseline (large enough for drift verdicts on the whole model and its segments).
 */
final class FraudDetectorModel extends ArizeModel {
    static final String ID = "fraud-detector";
    static final double TRAINING_SHARE = 0.20;
    private static final double INLINE_ACTUAL_SHARE = 0.10;
    private static final double BIAS = -2.3;
    private static final double SCALE = 1.6;
    private static final String FRAUD = "fraud";
    private static final String LEGIT = "legit";

    private final LatentScore latent;
    private boolean predictedFraud;
    private double score;
    private boolean actualFraud;

    FraudDetectorModel(SampleSpec spec) {
        super(ID, ModelKind.BINARY_CLASSIFICATION, "v3.1.0", 12, new FeatureSet(
                FeatureCatalog.numeric(FeatureCatalog.FRAUD_NUMERIC, spec.numericFeatures()),
                FeatureCatalog.categorical(FeatureCatalog.fraudCategorical(), spec.categoricalFeatures(),
                        spec.driftShift()),
                spec.driftFeatures(), spec.driftShift()));
        latent = new LatentScore(ID, features);
    }

    @Override
    protected double inlineActualShare() {
        return INLINE_ACTUAL_SHARE;
    }

    @Override
    protected void draw(StreamContext c, long time, boolean drifted, boolean degraded) {
        drawInputs(c, time, drifted);
        double pFraud = sigmoid(BIAS + SCALE * (latent.score(row) + serving.segmentEffect()));
        predictedFraud = pFraud >= 0.5;
        score = Math.min(0.9999, round(predictedFraud ? pFraud : 1 - pFraud, 1e4));
        double agree = score * (degraded ? QUALITY_DROP_FACTOR : 1.0);
        actualFraud = c.rng.nextDouble() < agree ? predictedFraud : !predictedFraud;
    }

    @Override
    protected void writePredictionLabel(JsonGenerator g) throws IOException {
        scoreCategorical(g, predictedFraud ? FRAUD : LEGIT, score);
    }

    @Override
    protected void writeActualLabel(JsonGenerator g) throws IOException {
        scoreCategorical(g, actualFraud ? FRAUD : LEGIT, 1.0);
    }

    private void scoreCategorical(JsonGenerator g, String category, double score) throws IOException {
        g.writeFieldName(SCORE_CATEGORICAL);
        g.writeStartObject();
        g.writeFieldName(SCORE_CATEGORY);
        g.writeStartObject();
        g.writeFieldName(CATEGORY);
        g.writeString(category);
        g.writeFieldName(SCORE);
        number(g, score, 4);
        g.writeEndObject();
        g.writeEndObject();
    }
}
