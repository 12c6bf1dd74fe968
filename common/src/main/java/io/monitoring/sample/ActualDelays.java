package io.monitoring.sample;

import java.util.SplittableRandom;

/**
 * Delay between an inference and the arrival of its ground truth: about 15% within the hour, the rest
 * log-normal with a median of a quarter of the maximum (18 h for 72 h), truncated at the maximum. With the
 * default 72 h, about 90% of actuals arrive within two days.
 */
final class ActualDelays {
    private static final double WITHIN_HOUR_SHARE = 0.15;
    private static final double SIGMA = 0.8;

    private final long maxMicros;
    private final double medianMicros;

    ActualDelays(int maxHours) {
        this.maxMicros = maxHours * Timestamps.MICROS_PER_HOUR;
        this.medianMicros = maxMicros / 4.0;
    }

    long drawMicros(SplittableRandom rng) {
        if (maxMicros == 0) {
            return 0;
        }
        if (rng.nextDouble() < WITHIN_HOUR_SHARE) {
            return (long) (rng.nextDouble() * Math.min(Timestamps.MICROS_PER_HOUR, maxMicros));
        }
        for (int attempt = 0; attempt < 32; attempt++) {
            double d = medianMicros * Math.exp(SIGMA * rng.nextGaussian());
            if (d <= maxMicros) {
                return (long) d;
            }
        }
        return (long) (rng.nextDouble() * maxMicros);
    }

    /** Whole days an actual can arrive after its inference's day. */
    int maxDaysLate() {
        return (int) ((maxMicros + Timestamps.MICROS_PER_DAY - 1) / Timestamps.MICROS_PER_DAY);
    }
}
