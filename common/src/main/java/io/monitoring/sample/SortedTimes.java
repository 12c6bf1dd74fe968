package io.monitoring.sample;

import java.util.SplittableRandom;

/**
 * Draws the timestamps of {@code n} records of one day in ascending order without holding them: the next
 * order statistic of the remaining uniforms is drawn directly, then mapped through the daily profile.
 */
final class SortedTimes {
    private final SplittableRandom rng;
    private final DailyProfile profile;
    private final long dayStartMicros;
    private long remaining;
    private double last;

    SortedTimes(SplittableRandom rng, DailyProfile profile, long dayStartMicros, long n) {
        this.rng = rng;
        this.profile = profile;
        this.dayStartMicros = dayStartMicros;
        this.remaining = n;
    }

    boolean hasNext() {
        return remaining > 0;
    }

    long remaining() {
        return remaining;
    }

    long next() {
        if (remaining <= 0) {
            throw new IllegalStateException("no times left");
        }
        // The minimum of k uniforms on (last, 1) is last + (1 - last) * (1 - V^(1/k)); expm1 keeps precision.
        double v = 1.0 - rng.nextDouble();
        double step = -Math.expm1(Math.log(v) / remaining);
        last = Math.min(last + (1.0 - last) * step, Math.nextDown(1.0));
        remaining--;
        return dayStartMicros + profile.offsetMicros(last);
    }
}
