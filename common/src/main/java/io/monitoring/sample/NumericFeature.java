package io.monitoring.sample;

import java.util.SplittableRandom;

/**
 * A numeric feature with a target mean and standard deviation. Values are {@code mean + std * z} where
 * {@code z} is a standardized draw (normal, or a standardized log-normal for skewed, positive quantities),
 * so drift of {@code s} standard deviations is exactly {@code z + s}.
 */
final class NumericFeature {
    final String name;
    final boolean integer;
    final double mean;
    final double std;
    final boolean skewed;
    final double min;
    final int decimals;
    private final double scale;
    private final double sigma;
    private final double lnMean;
    private final double lnStd;

    private NumericFeature(String name, boolean integer, double mean, double std, boolean skewed,
                           int decimals, double min) {
        this.name = name;
        this.integer = integer;
        this.mean = mean;
        this.std = std;
        this.skewed = skewed;
        this.min = min;
        this.decimals = integer ? 0 : decimals;
        this.scale = Math.pow(10, integer ? 0 : decimals);
        double cv = std / mean;
        this.sigma = skewed ? Math.sqrt(Math.log1p(cv * cv)) : 0;
        this.lnMean = Math.exp(sigma * sigma / 2);
        this.lnStd = Math.sqrt(Math.expm1(sigma * sigma) * Math.exp(sigma * sigma));
    }

    /** Normal around the mean; rounded to {@code decimals}; never below {@code min}. */
    static NumericFeature normal(String name, double mean, double std, int decimals, double min) {
        return new NumericFeature(name, false, mean, std, false, decimals, min);
    }

    /** Right-skewed and positive (log-normal shape) with the given mean and std. */
    static NumericFeature skewed(String name, double mean, double std, int decimals) {
        return new NumericFeature(name, false, mean, std, true, decimals, 0);
    }

    /** A skewed integer quantity such as a count or an age in days. */
    static NumericFeature count(String name, double mean, double std) {
        return new NumericFeature(name, true, mean, std, true, 0, 0);
    }

    /** A normal integer quantity such as a year. */
    static NumericFeature integerNormal(String name, double mean, double std, double min) {
        return new NumericFeature(name, true, mean, std, false, 0, min);
    }

    /** A standardized draw: mean 0, std 1. */
    double drawZ(SplittableRandom rng) {
        double g = rng.nextGaussian();
        return skewed ? (Math.exp(sigma * g) - lnMean) / lnStd : g;
    }

    /** The rounded feature value for a standardized draw. */
    double value(double z) {
        double x = Math.max(mean + std * z, min);
        return Math.round(x * scale) / scale;
    }
}
