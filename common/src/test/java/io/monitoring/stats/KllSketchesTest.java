package io.monitoring.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.junit.jupiter.api.Test;

class KllSketchesTest {
    private static byte[] sketchOf(double... values) {
        KllDoublesSketch s = KllSketches.newSketch();
        for (double v : values) {
            s.update(v);
        }
        return s.toByteArray();
    }

    @Test
    void belowKTheMedianIsExactAndTheUpperMedianForEvenCounts() {
        assertEquals(0.4, KllSketches.mergedMedian(List.of(sketchOf(0.4))));
        assertEquals(0.2, KllSketches.mergedMedian(List.of(sketchOf(0.1, 0.3), sketchOf(0.2))));
        assertEquals(0.3, KllSketches.mergedMedian(List.of(sketchOf(0.1, 0.3), sketchOf(0.2, 0.4))));
    }

    @Test
    void nullSketchesAreSkippedAndNoValuesGiveNull() {
        List<byte[]> withNulls = new ArrayList<>(Arrays.asList(null, sketchOf(0.7), null));
        assertEquals(0.7, KllSketches.mergedMedian(withNulls));
        assertNull(KllSketches.mergedMedian(Arrays.asList((byte[]) null)));
        assertNull(KllSketches.mergedMedian(List.of()));
        assertNull(KllSketches.mergedMedian(List.of(KllSketches.newSketch().toByteArray())));
    }

    @Test
    void mergedMedianIsWithinTheRankErrorAndRepeatsExactly() {
        Random random = new Random(7);
        List<byte[]> hourly = new ArrayList<>();
        double[] all = new double[24 * 2000];
        int n = 0;
        for (int h = 0; h < 24; h++) {
            KllDoublesSketch s = KllSketches.newSketch();
            for (int i = 0; i < 2000; i++) {
                double v = Math.pow(random.nextDouble(), 3) + h * 0.01;
                s.update(v);
                all[n++] = v;
            }
            hourly.add(s.toByteArray());
        }
        Double median = KllSketches.mergedMedian(hourly);
        Arrays.sort(all);
        double rank = (double) Math.abs(Arrays.binarySearch(all, median)) / all.length;
        assertTrue(Math.abs(rank - 0.5) <= KllSketches.rankError(), "rank " + rank + " of the merged median");

        // the library's coin flips are shared JVM-wide: use them up elsewhere, the merge still repeats
        KllDoublesSketch other = KllSketches.newSketch();
        for (int i = 0; i < 100_000; i++) {
            other.update(i);
        }
        assertEquals(median, KllSketches.mergedMedian(hourly));
    }

    @Test
    void mergeAggregatorBufferSurvivesSerialization() throws Exception {
        KllMergeAggregator agg = new KllMergeAggregator();
        KllMergeAggregator.Buffer b = agg.reduce(agg.reduce(agg.reduce(agg.zero(), sketchOf(0.5)), null),
                KllSketches.newSketch().toByteArray());
        agg.reduce(b, sketchOf(0.25));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(b);
        }
        KllMergeAggregator.Buffer copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (KllMergeAggregator.Buffer) in.readObject();
        }
        KllMergeAggregator.Buffer merged = agg.merge(copy, agg.reduce(agg.zero(), sketchOf(0.75)));
        KllDoublesSketch result = KllSketches.fromBytes(agg.finish(merged));
        assertEquals(3, result.getN(), "null and empty sketches add nothing");
        assertEquals(0.5, result.getQuantile(0.5));
        assertNull(agg.finish(agg.zero()));
        assertNull(agg.finish(agg.reduce(agg.zero(), KllSketches.newSketch().toByteArray())), "only empty sketches: null");
    }

    private static byte[] sketchOf(double value) {
        KllDoublesSketch sketch = KllSketches.newSketch();
        sketch.update(value);
        return sketch.toByteArray();
    }
}
