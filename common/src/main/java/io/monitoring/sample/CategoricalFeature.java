package io.monitoring.sample;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A categorical feature with a Zipf-skewed distribution over its categories (listed most common first).
 * Drift tilts the distribution towards the rare end: {@code p_i * exp(shift * i / (k - 1))}, renormalized.
 */
final class CategoricalFeature {
    private static final double ZIPF_EXPONENT = 1.1;

    final String name;
    final List<String> categories;
    private final double[] cumulative;
    private final double[] cumulativeDrifted;

    CategoricalFeature(String name, List<String> categories, double driftShift) {
        if (categories.size() < 2) {
            throw new IllegalArgumentException(name + " needs at least two categories");
        }
        this.name = name;
        this.categories = List.copyOf(categories);
        int k = categories.size();
        double[] base = new double[k];
        double[] drifted = new double[k];
        for (int i = 0; i < k; i++) {
            base[i] = 1.0 / Math.pow(i + 1, ZIPF_EXPONENT);
            drifted[i] = base[i] * Math.exp(driftShift * i / (k - 1.0));
        }
        this.cumulative = cumulative(base);
        this.cumulativeDrifted = cumulative(drifted);
    }

    int draw(SplittableRandom rng, boolean drifted) {
        double[] cum = drifted ? cumulativeDrifted : cumulative;
        double u = rng.nextDouble();
        int i = 0;
        while (i < cum.length - 1 && u >= cum[i]) {
            i++;
        }
        return i;
    }

    /** Probability of category {@code i} (before drift). */
    double probability(int i) {
        return cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
    }

    private static double[] cumulative(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double[] cum = new double[weights.length];
        double run = 0;
        for (int i = 0; i < weights.length; i++) {
            run += weights[i] / total;
            cum[i] = run;
        }
        cum[weights.length - 1] = 1.0;
        return cum;
    }
}
