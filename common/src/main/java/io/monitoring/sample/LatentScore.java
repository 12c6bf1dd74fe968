package io.monitoring.sample;

import java.util.SplittableRandom;

/**
 * The hidden "signal" a model reads from its features: a fixed linear combination of the standardized
 * numeric features plus a fixed effect per category, with variance about 1 before drift. Weights depend
 * only on the model, the feature name and {@code salt}, never on the spec's seed.
 */
final class LatentScore {
    private static final double NUMERIC_VARIANCE = 0.7;

    private final double[] numericWeights;
    private final double[][] categoryEffects;

    LatentScore(String salt, FeatureSet features) {
        int n = features.numeric.size();
        int k = features.categorical.size();
        numericWeights = new double[n];
        double sumSquares = 0;
        for (int i = 0; i < n; i++) {
            numericWeights[i] = Seeds.world(salt + "/" + features.numeric.get(i).name).nextGaussian();
            sumSquares += numericWeights[i] * numericWeights[i];
        }
        double numericVariance = n == 0 ? 0 : (k == 0 ? 1 : NUMERIC_VARIANCE);
        for (int i = 0; i < n; i++) {
            numericWeights[i] *= Math.sqrt(numericVariance / sumSquares);
        }
        double effectStd = k == 0 ? 0 : Math.sqrt((1 - numericVariance) / k);
        categoryEffects = new double[k][];
        for (int j = 0; j < k; j++) {
            CategoricalFeature f = features.categorical.get(j);
            SplittableRandom rng = Seeds.world(salt + "/" + f.name);
            categoryEffects[j] = new double[f.categories.size()];
            double mean = 0;
            for (int c = 0; c < categoryEffects[j].length; c++) {
                categoryEffects[j][c] = effectStd * rng.nextGaussian() * 1.5;
                mean += f.probability(c) * categoryEffects[j][c];
            }
            for (int c = 0; c < categoryEffects[j].length; c++) {
                categoryEffects[j][c] -= mean;
            }
        }
    }

    double score(FeatureRow row) {
        double s = 0;
        for (int i = 0; i < numericWeights.length; i++) {
            s += numericWeights[i] * row.z[i];
        }
        for (int j = 0; j < categoryEffects.length; j++) {
            s += categoryEffects[j][row.category[j]];
        }
        return s;
    }
}
