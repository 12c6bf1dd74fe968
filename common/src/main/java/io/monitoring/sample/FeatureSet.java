package io.monitoring.sample;

import com.fasterxml.jackson.core.io.SerializedString;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The features of one model, which of them drift, and their pre-encoded JSON names. */
final class FeatureSet {
    final List<NumericFeature> numeric;
    final List<CategoricalFeature> categorical;
    final SerializedString[] numericNames;
    final SerializedString[] categoricalNames;
    private final boolean[] numericDrifts;
    private final boolean[] categoricalDrifts;
    private final double driftShift;

    FeatureSet(List<NumericFeature> numeric, List<CategoricalFeature> categorical, List<String> driftFeatures,
               double driftShift) {
        this.numeric = List.copyOf(numeric);
        this.categorical = List.copyOf(categorical);
        this.driftShift = driftShift;
        numericNames = new SerializedString[numeric.size()];
        numericDrifts = new boolean[numeric.size()];
        for (int i = 0; i < numeric.size(); i++) {
            numericNames[i] = new SerializedString(numeric.get(i).name);
            numericDrifts[i] = driftFeatures.contains(numeric.get(i).name);
        }
        categoricalNames = new SerializedString[categorical.size()];
        categoricalDrifts = new boolean[categorical.size()];
        for (int i = 0; i < categorical.size(); i++) {
            categoricalNames[i] = new SerializedString(categorical.get(i).name);
            categoricalDrifts[i] = driftFeatures.contains(categorical.get(i).name);
        }
    }

    /** Draws every feature into {@code row}; drifting features shift when {@code drifted}. */
    void sample(SplittableRandom rng, boolean drifted, FeatureRow row) {
        for (int i = 0; i < numericNames.length; i++) {
            NumericFeature f = numeric.get(i);
            double z = f.drawZ(rng);
            if (drifted && numericDrifts[i]) {
                z += driftShift;
            }
            row.z[i] = z;
            row.numeric[i] = f.value(z);
        }
        for (int i = 0; i < categoricalNames.length; i++) {
            row.category[i] = categorical.get(i).draw(rng, drifted && categoricalDrifts[i]);
        }
    }

    String categoryOf(FeatureRow row, int feature) {
        return categorical.get(feature).categories.get(row.category[feature]);
    }

    List<String> names() {
        List<String> names = new ArrayList<>();
        numeric.forEach(f -> names.add(f.name));
        categorical.forEach(f -> names.add(f.name));
        return names;
    }
}
