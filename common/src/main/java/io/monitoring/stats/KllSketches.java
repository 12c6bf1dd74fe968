package io.monitoring.stats;

import java.lang.reflect.Field;
import java.util.Random;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.kll.KllSketch;
import org.apache.datasketches.memory.Memory;

/**
 * Apache DataSketches KLL doubles sketches as stored in {@code inference_stats}: built per hour,
 * merged over any range. With the default k = 200 a quantile's rank is within
 * {@link #rankError()} (about 1.33%) of the exact rank with 99% confidence; below k values a sketch
 * keeps every value and the median is exact: the value at sorted position n / 2 (0-based, so the
 * upper median for an even count).
 */
public final class KllSketches {
    /** The sketch size parameter; changing it changes only accuracy, stored sketches still merge. */
    public static final int K = KllSketch.DEFAULT_K;

    private static final long MERGE_SEED = 0x5EED_C0FFEEL;
    private static final Object MERGE_LOCK = new Object();
    private static final Random SHARED_RANDOM = sharedRandom();

    private KllSketches() {}

    public static KllDoublesSketch newSketch() {
        return KllDoublesSketch.newHeapInstance(K);
    }

    public static KllDoublesSketch fromBytes(byte[] bytes) {
        return KllDoublesSketch.heapify(Memory.wrap(bytes));
    }

    /** The single-quantile normalized rank error of a sketch of size {@link #K} (99% confidence). */
    public static double rankError() {
        return KllSketch.getNormalizedRankError(K, false);
    }

    /**
     * Merges serialized sketches in the order given (nulls skipped) and returns the median, or null
     * when no value was sketched. KLL compaction flips coins from one JVM-wide {@link Random} inside
     * the library; it is reseeded here under a lock so that the same sketches in the same order always
     * give the same median, and a rerun publishes identical bytes.
     */
    public static Double mergedMedian(Iterable<byte[]> sketches) {
        synchronized (MERGE_LOCK) {
            if (SHARED_RANDOM != null) {
                SHARED_RANDOM.setSeed(MERGE_SEED);
            }
            KllDoublesSketch merged = null;
            for (byte[] bytes : sketches) {
                if (bytes == null) {
                    continue;
                }
                KllDoublesSketch next = fromBytes(bytes);
                if (merged == null) {
                    merged = newSketch();
                }
                merged.merge(next);
            }
            return merged == null || merged.isEmpty() ? null : merged.getQuantile(0.5);
        }
    }

    /** The library's coin-flip source, or null if a future version hides it (medians then vary in the last rank). */
    private static Random sharedRandom() {
        try {
            Field field = KllSketch.class.getDeclaredField("random");
            field.setAccessible(true);
            return (Random) field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
