package io.monitoring.sample;

import java.util.SplittableRandom;

/**
 * Derives independent, reproducible random streams, one per (purpose, day), from the spec's seed.
 * Every random draw of the generator comes from a stream made here, so output depends only on the spec.
 */
final class Seeds {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long SECOND = 0xD1B54A32D192ED03L;

    private Seeds() {
    }

    /** Stafford's variant 13 of the SplitMix64 finalizer: a bijection on 64-bit values. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The random stream of one purpose (a model's records, bad lines, ...) on one day of the window. */
    static SplittableRandom stream(long seed, int purpose, int day) {
        return new SplittableRandom(mix64(mix64(seed) + GOLDEN * (purpose + 1L) + SECOND * (day + 1L)));
    }

    /**
     * A stream that does not depend on the spec's seed: the fixed "world" of a model (feature weights,
     * category effects) stays the same across seeds, so runs with different seeds are comparable samples.
     */
    static SplittableRandom world(String name) {
        return new SplittableRandom(mix64(name.hashCode() * GOLDEN + 0x632BE59BD9B4E019L));
    }
}
