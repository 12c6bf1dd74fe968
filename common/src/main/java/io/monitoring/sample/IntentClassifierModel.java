package io.monitoring.sample;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;

import static io.monitoring.sample.LandingJson.LABEL;
import static io.monitoring.sample.LandingJson.SCORE;

/**
 * {@code intent-classifier}: a 5-class classifier of support messages logging single Guardian records with
 * {@code prediction{label, score, probabilities}}; the actual is {@code {"label": ...}}. Calibrated: the
 * actual is drawn from the predicted probabilities, so accuracy is about the mean top score (~0.85); after
 * the quality drop a correct actual is replaced by another class with probability 1 - 0.7.
 */
final class IntentClassifierModel extends GuardianModel {
    static final String ID = "intent-classifier";
    static final String[] CLASSES = {"billing", "technical_support", "account_access", "shipping", "cancellation"};
    private static final double[] BIAS = {0.5, 0.3, 0.0, -0.2, -0.6};
    private static final double SCALE = 5.6;
    private static final SerializedString PROBABILITIES = new SerializedString("probabilities");
    private static final SerializedString[] CLASS_NAMES = new SerializedString[CLASSES.length];

    static {
        for (int k = 0; k < CLASSES.length; k++) {
            CLASS_NAMES[k] = new SerializedString(CLASSES[k]);
        }
    }

    private final LatentScore[] latents = new LatentScore[CLASSES.length];
    private final double[] probabilities = new double[CLASSES.length];
    private int predicted;
    private int actual;

    IntentClassifierModel(SampleSpec spec) {
        super(ID, ModelKind.MULTICLASS_CLASSIFICATION, "v2.4.1", 45, new FeatureSet(
                FeatureCatalog.numeric(FeatureCatalog.INTENT_NUMERIC, spec.numericFeatures()),
                FeatureCatalog.categorical(FeatureCatalog.intentCategorical(), spec.categoricalFeatures(),
                        spec.driftShift()),
                spec.driftFeatures(), spec.driftShift()));
        for (int k = 0; k < CLASSES.length; k++) {
            latents[k] = new LatentScore(ID + "/" + CLASSES[k], features);
        }
    }

    @Override
    protected void draw(StreamContext c, long time, boolean drifted, boolean degraded) {
        drawInputs(c, time, drifted);
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < CLASSES.length; k++) {
            probabilities[k] = BIAS[k] + SCALE * latents[k].score(row);
            max = Math.max(max, probabilities[k]);
        }
        double sum = 0;
        for (int k = 0; k < CLASSES.length; k++) {
            probabilities[k] = Math.exp(probabilities[k] - max);
            sum += probabilities[k];
        }
        predicted = 0;
        for (int k = 0; k < CLASSES.length; k++) {
            probabilities[k] = round(probabilities[k] / sum, 1e4);
            if (probabilities[k] > probabilities[predicted]) {
                predicted = k;
            }
        }
        actual = drawClass(c.rng.nextDouble(), -1);
        if (degraded && actual == predicted && c.rng.nextDouble() > QUALITY_DROP_FACTOR) {
            actual = drawClass(c.rng.nextDouble(), predicted);
        }
    }

    /** Draws a class from the probabilities, leaving out {@code excluded} (or none when -1). */
    private int drawClass(double u, int excluded) {
        double total = 0;
        for (int k = 0; k < CLASSES.length; k++) {
            total += k == excluded ? 0 : Math.max(probabilities[k], 1e-4);
        }
        double target = u * total;
        int last = 0;
        for (int k = 0; k < CLASSES.length; k++) {
            if (k == excluded) {
                continue;
            }
            last = k;
            target -= Math.max(probabilities[k], 1e-4);
            if (target < 0) {
                return k;
            }
        }
        return last;
    }

    @Override
    protected void writePrediction(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeFieldName(LABEL);
        g.writeString(CLASSES[predicted]);
        g.writeFieldName(SCORE);
        number(g, probabilities[predicted], 4);
        g.writeFieldName(PROBABILITIES);
        g.writeStartObject();
        for (int k = 0; k < CLASSES.length; k++) {
            g.writeFieldName(CLASS_NAMES[k]);
            number(g, probabilities[k], 4);
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    @Override
    protected void writeActual(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeFieldName(LABEL);
        g.writeString(CLASSES[actual]);
        g.writeEndObject();
    }
}
