package io.monitoring.sample;

/** One record's feature values; reused from record to record. */
final class FeatureRow {
    /** Rounded values as written. */
    final double[] numeric;
    /** Standardized draws (after drift), the model's view of the numeric features. */
    final double[] z;
    /** Category index per categorical feature. */
    final int[] category;

    FeatureRow(FeatureSet features) {
        numeric = new double[features.numeric.size()];
        z = new double[features.numeric.size()];
        category = new int[features.categorical.size()];
    }
}
