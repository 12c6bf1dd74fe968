package io.monitoring.sample;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;


/**
 * {@code hardhat-detector}: an object detector on site-camera images (like seed 002's hard-hat sample)
 * logging single Guardian records with {@code prediction{"predictions": [{"class", "confidence"}, ...]}}
 * (0-4 boxes, several of one class possible). The actual is {@code {"classes": [...]}}, one entry per
 * object really in the image. Each predicted box is real with probability equal to its confidence (times
 * 0.7 after the quality drop); sometimes an object is missed.
 */
final class HardhatDetectorModel extends GuardianModel {
    static final String ID = "hardhat-detector";
    static final String[] CLASSES = {"helmet", "head"};
    private static final double[] BOX_COUNT_CUM = {0.12, 0.45, 0.72, 0.89, 1.0};
    private static final int MAX_BOXES = 4;
    private static final double MISSED_OBJECT_SHARE = 0.15;
    private static final SerializedString PREDICTIONS = new SerializedString("predictions");
    private static final SerializedString CLASS = new SerializedString("class");
    private static final SerializedString CONFIDENCE = new SerializedString("confidence");
    private static final SerializedString CLASSES_FIELD = new SerializedString("classes");

    private final LatentScore imageQuality;
    private final LatentScore compliance;
    private final int[] boxClass = new int[MAX_BOXES];
    private final double[] boxConfidence = new double[MAX_BOXES];
    private final int[] trueClass = new int[MAX_BOXES + 1];
    private int boxes;
    private int trueObjects;

    HardhatDetectorModel(SampleSpec spec) {
        super(ID, ModelKind.OBJECT_DETECTION, "v1.2.0", 150, new FeatureSet(
                FeatureCatalog.numeric(FeatureCatalog.HARDHAT_NUMERIC, spec.numericFeatures()),
                FeatureCatalog.categorical(FeatureCatalog.hardhatCategorical(), spec.categoricalFeatures(),
                        spec.driftShift()),
                spec.driftFeatures(), spec.driftShift()));
        imageQuality = new LatentScore(ID + "/quality", features);
        compliance = new LatentScore(ID + "/compliance", features);
    }

    @Override
    protected void draw(StreamContext c, long time, boolean drifted, boolean degraded) {
        drawInputs(c, time, drifted);
        double quality = imageQuality.score(row);
        double helmetShare = sigmoid(1.2 + 0.6 * compliance.score(row));
        boxes = Serving.pick(c.rng, BOX_COUNT_CUM);
        trueObjects = 0;
        for (int b = 0; b < boxes; b++) {
            boxClass[b] = c.rng.nextDouble() < helmetShare ? 0 : 1;
            double logit = 0.7 + 0.5 * quality + 0.9 * c.rng.nextGaussian() - (boxClass[b] == 1 ? 0.25 : 0);
            boxConfidence[b] = round(0.3 + 0.6999 * sigmoid(logit), 1e4);
            double real = boxConfidence[b] * (degraded ? QUALITY_DROP_FACTOR : 1.0);
            if (c.rng.nextDouble() < real) {
                trueClass[trueObjects++] = boxClass[b];
            }
        }
        if (c.rng.nextDouble() < MISSED_OBJECT_SHARE) {
            trueClass[trueObjects++] = c.rng.nextDouble() < helmetShare ? 0 : 1;
        }
    }

    @Override
    protected void writePrediction(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeFieldName(PREDICTIONS);
        g.writeStartArray();
        for (int b = 0; b < boxes; b++) {
            g.writeStartObject();
            g.writeFieldName(CLASS);
            g.writeString(CLASSES[boxClass[b]]);
            g.writeFieldName(CONFIDENCE);
            number(g, boxConfidence[b], 4);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    @Override
    protected void writeActual(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeFieldName(CLASSES_FIELD);
        g.writeStartArray();
        for (int o = 0; o < trueObjects; o++) {
            g.writeString(CLASSES[trueClass[o]]);
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
