package io.monitoring.sample;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

import static io.monitoring.sample.LandingJson.NUMERIC;

/**
 * {@code price-regressor}: a regression model (house prices) logging Arize records with
 * {@code label{numeric}}. The actual is the prediction times a log-normal error (about 15%); after the
 * quality drop the error is biased (+20%) and wider.
 */
final class PriceRegressorModel extends ArizeModel {
    static final String ID = "price-regressor";
    private static final double LOG_PRICE_MEAN = 12.8;
    private static final double LOG_PRICE_SCALE = 0.45;
    private static final double ERROR_SIGMA = 0.15;
    private static final double DEGRADED_BIAS = 0.2;
    private static final double DEGRADED_SIGMA = 0.35;

    private final LatentScore latent;
    private double predicted;
    private double actual;

    PriceRegressorModel(SampleSpec spec) {
        super(ID, ModelKind.REGRESSION, "v1.8.0", 20, new FeatureSet(
                FeatureCatalog.numeric(FeatureCatalog.PRICE_NUMERIC, spec.numericFeatures()),
                FeatureCatalog.categorical(FeatureCatalog.priceCategorical(), spec.categoricalFeatures(),
                        spec.driftShift()),
                spec.driftFeatures(), spec.driftShift()));
        latent = new LatentScore(ID, features);
    }

    @Override
    protected void draw(StreamContext c, long time, boolean drifted, boolean degraded) {
        drawInputs(c, time, drifted);
        predicted = round(Math.exp(LOG_PRICE_MEAN + LOG_PRICE_SCALE * latent.score(row)), 100);
        double error = degraded
                ? DEGRADED_BIAS + DEGRADED_SIGMA * c.rng.nextGaussian()
                : ERROR_SIGMA * c.rng.nextGaussian();
        actual = round(predicted * Math.exp(error), 100);
    }

    @Override
    protected void writePredictionLabel(JsonGenerator g) throws IOException {
        g.writeFieldName(NUMERIC);
        number(g, predicted, 2);
    }

    @Override
    protected void writeActualLabel(JsonGenerator g) throws IOException {
        g.writeFieldName(NUMERIC);
        number(g, actual, 2);
    }
}
